package io.stockledger.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stockledger.store.StorePassword;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CompareProjectionsTest {

    private static final String POSITIONS = "CREATE TABLE stock_position (sku VARCHAR(64), location VARCHAR(64),"
            + " on_hand BIGINT, last_recorded_at TIMESTAMP(9) WITH TIME ZONE, event_position BIGINT)";
    private static final String AUDIT = "CREATE TABLE audit_entry (global_position BIGINT, event_id VARCHAR(64))";

    @Test
    void projectionsThatDifferOnlyInPositionsAndSubMillisecondDigitsAreEqual() throws Exception {
        String embedded = database(
                "INSERT INTO stock_position VALUES ('A', 'DC1', 5, TIMESTAMP WITH TIME ZONE '2026-11-23 10:00:00.123456789+00', 17)",
                "INSERT INTO audit_entry VALUES (3, 'e1'), (9, 'e2')");
        String rebuilt = database(
                "INSERT INTO stock_position VALUES ('A', 'DC1', 5, TIMESTAMP WITH TIME ZONE '2026-11-23 10:00:00.123+00', 1)",
                "INSERT INTO audit_entry VALUES (0, 'e1'), (1, 'e2')");

        Run run = run(embedded, rebuilt);

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("result: EQUAL");
    }

    @Test
    void aDifferentFigureIsReportedWithItsRow() throws Exception {
        String embedded = database(
                "INSERT INTO stock_position VALUES ('A', 'DC1', 5, TIMESTAMP WITH TIME ZONE '2026-11-23 10:00:00+00', 1)");
        String rebuilt = database(
                "INSERT INTO stock_position VALUES ('A', 'DC1', 4, TIMESTAMP WITH TIME ZONE '2026-11-23 10:00:00+00', 1)");

        Run run = run(embedded, rebuilt);

        assertThat(run.exitCode()).isEqualTo(CompareProjections.DIFFERENT);
        assertThat(run.output())
                .contains("result: DIFFERENT")
                .contains("only left:  last_recorded_at=2026-11-23T10:00:00Z, location=DC1, on_hand=5, sku=A")
                .contains("only right: last_recorded_at=2026-11-23T10:00:00Z, location=DC1, on_hand=4, sku=A");
    }

    @Test
    void eventsInAnotherOrderAreReported() throws Exception {
        String embedded = database("INSERT INTO audit_entry VALUES (3, 'e1'), (9, 'e2')");
        String rebuilt = database("INSERT INTO audit_entry VALUES (1, 'e1'), (0, 'e2')");

        Run run = run(embedded, rebuilt);

        assertThat(run.exitCode()).isEqualTo(CompareProjections.DIFFERENT);
        assertThat(run.output()).contains("order: ordered by global_position, event_id differs from row 0");
    }

    @Test
    void aTableNobodyDecidedAboutMakesTheComparisonFail() throws Exception {
        String embedded = database("CREATE TABLE new_projection (id INT)");
        String rebuilt = database("CREATE TABLE new_projection (id INT)");

        Run run = run(embedded, rebuilt);

        assertThat(run.exitCode()).isEqualTo(CompareProjections.DIFFERENT);
        assertThat(run.output()).contains("new_projection                 UNKNOWN TABLE");
    }

    @Test
    void theProjectionsOfADataDirectoryAreOpenedWithItsPasswordAndAnOldOneIsGivenIt(@TempDir Path data)
            throws Exception {
        String password = StorePassword.of(data);
        String embedded = "jdbc:h2:file:" + data.resolve("query.embedded/projections");
        String rebuilt = "jdbc:h2:file:" + data.resolve("query/projections");
        for (String url : List.of(embedded, rebuilt)) {
            // the rebuilt one as a query side made it before the ledger's databases had a password
            try (Connection connection = DriverManager.getConnection(url, "sa", url.equals(embedded) ? password : "");
                    var statement = connection.createStatement()) {
                statement.execute(POSITIONS);
                statement.execute(AUDIT);
            }
        }

        Run run = run(
                data.resolve("query.embedded").toString(), data.resolve("query").toString());

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThatThrownBy(() -> DriverManager.getConnection(rebuilt, "sa", "").close())
                .isInstanceOf(SQLException.class);
        DriverManager.getConnection(rebuilt, "sa", password).close();
    }

    private record Run(int exitCode, String output) {}

    private static Run run(String left, String right) {
        StringWriter output = new StringWriter();
        PrintWriter writer = new PrintWriter(output, true);
        int exitCode = new CommandLine(new Migrate())
                .setOut(writer)
                .setErr(writer)
                .execute("compare-projections", left, right);
        writer.flush();
        return new Run(exitCode, output.toString());
    }

    /** A new in-memory database (kept open until the JVM ends) with the tables above and the given statements. */
    private static String database(String... statements) throws SQLException {
        String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                var statement = connection.createStatement()) {
            statement.execute(POSITIONS);
            statement.execute(AUDIT);
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
        return url;
    }
}
