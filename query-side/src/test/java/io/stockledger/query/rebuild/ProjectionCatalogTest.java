package io.stockledger.query.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** A table a migration adds is rebuilt and checksummed only if the catalog names it: so every table must be placed. */
class ProjectionCatalogTest {

    /** Tables that are not derived from events: Axon's bookkeeping, Flyway's, and finance's uploaded ERP runs. */
    private static final Set<String> NOT_PROJECTED = Set.of(
            "tokenentry", "deadletterentry", "flyway_schema_history", "reconciliation_run", "reconciliation_line");

    @Test
    void everyTableTheMigrationsCreateBelongsToAProjectionOrIsKnownNotToBeOne() throws Exception {
        String url = "jdbc:h2:mem:catalog-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Flyway.configure()
                .dataSource(url, "sa", "")
                .locations("classpath:db/projections")
                .load()
                .migrate();
        Set<String> tables = new TreeSet<>();
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                ResultSet rows = connection
                        .createStatement()
                        .executeQuery(
                                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'PUBLIC'")) {
            while (rows.next()) {
                tables.add(rows.getString(1).toLowerCase());
            }
        }
        Set<String> placed = new HashSet<>(NOT_PROJECTED);
        ProjectionCatalog.PROJECTIONS.values().forEach(projection -> projection.allTables().stream()
                .map(String::toLowerCase)
                .forEach(placed::add));

        assertThat(tables).isNotEmpty().allSatisfy(table -> assertThat(placed)
                .as("the projection catalog places table %s", table)
                .contains(table));
    }
}
