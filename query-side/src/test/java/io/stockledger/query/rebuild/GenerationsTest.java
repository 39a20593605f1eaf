package io.stockledger.query.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** A shadow generation has the live tables' columns, keys and the indexes its handlers use; nobody reads it. */
class GenerationsTest {

    private static final ProjectionCatalog AUDIT = ProjectionCatalog.of("audit").orElseThrow();

    private JdbcTemplate jdbc;
    private Generations generations;

    @BeforeEach
    void migratedDatabase() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:generations-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/projections")
                .load()
                .migrate();
        jdbc = new JdbcTemplate(dataSource);
        generations = new Generations(jdbc, new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
    }

    @Test
    void aShadowGenerationLeavesOutTheIndexesOnlyReadersUseAndKeepsEveryOther() {
        generations.createShadow(AUDIT);

        List<String> live = indexes(Generations.LIVE, "AUDIT_ENTRY");
        List<String> shadow = indexes(AUDIT.shadowSchema(), "AUDIT_ENTRY");
        assertThat(live).contains("AUDIT_ENTRY_BY_CORRELATION_ID:INDEX", "AUDIT_ENTRY_BY_SKU:INDEX");
        assertThat(shadow)
                .doesNotContain("AUDIT_ENTRY_BY_CORRELATION_ID:INDEX", "AUDIT_ENTRY_BY_SKU:INDEX")
                // The handler finds a position's latest row by this one; it is unique, too.
                .contains("AUDIT_ENTRY_POSITION_HISTORY:UNIQUE INDEX", "AUDIT_ENTRY_BY_MOVEMENT_ID:INDEX")
                .containsExactlyInAnyOrderElementsOf(live.stream()
                        .filter(index -> !AUDIT.isReaderIndex(index.substring(0, index.indexOf(':'))))
                        .toList());
    }

    @Test
    void everyIndexTheCatalogNamesAsOnlyForReadersExistsAndIsNotUnique() {
        ProjectionCatalog.PROJECTIONS
                .values()
                .forEach(projection -> projection.readerIndexes().forEach(index -> assertThat(jdbc.queryForList(
                                "SELECT index_type_name FROM information_schema.indexes"
                                        + " WHERE table_schema = 'PUBLIC' AND index_name = ?",
                                String.class,
                                index.toUpperCase()))
                        .as("index %s of %s", index, projection.name())
                        .containsExactly("INDEX")));
    }

    /** The table's indexes as {@code NAME:TYPE}. */
    private List<String> indexes(String schema, String table) {
        return jdbc.queryForList(
                "SELECT index_name || ':' || index_type_name FROM information_schema.indexes"
                        + " WHERE table_schema = ? AND table_name = ?",
                String.class,
                schema,
                table);
    }
}
