package io.stockledger.query.eventlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.SQLExceptionOverride.Override;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import org.h2.api.ErrorCode;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pool to the events database drops a connection H2 reports dead instead of handing it out again. */
class EventLogDatabaseTest {

    @TempDir
    Path data;

    @Test
    void aConnectionWhoseServerWentAwayIsEvictedAndTheNextOneWorksOnceItIsBack() throws Exception {
        String name = "events-" + UUID.randomUUID();
        Server server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
        int port = server.getPort();
        EventLogProperties properties = properties(port, name);
        try (EventLogDatabase database = new EventLogDatabase(properties, data)) {
            try (var connection = database.connection();
                    var statement = connection.createStatement()) {
                statement.execute("SELECT 1");
            }
            server.stop();
            server = Server.createTcpServer("-tcpPort", Integer.toString(port), "-ifNotExists")
                    .start();

            // The pooled connection is dead: its first use fails, and the pool must not hand it out again.
            SQLException broken = null;
            try (var connection = database.connection();
                    var statement = connection.createStatement()) {
                statement.execute("SELECT 1");
            } catch (SQLException e) {
                broken = e;
            }
            assertThat((Throwable) broken)
                    .as("the first use after the server went away")
                    .isNotNull();
            try (var connection = database.connection();
                    var statement = connection.createStatement()) {
                assertThat(statement.execute("SELECT 1")).isTrue();
            }
        } finally {
            server.stop();
        }
    }

    @Test
    void onlyH2sDeadConnectionCodesForceAnEviction() {
        assertThat(EventLogDatabase.adjudicate(new SQLException("broken", "90067", ErrorCode.CONNECTION_BROKEN_1)))
                .isEqualTo(Override.MUST_EVICT);
        assertThat(EventLogDatabase.adjudicate(new SQLException(
                        "io", "90031", ErrorCode.IO_EXCEPTION_2, new SQLException("closed", "90121", 90121))))
                .isEqualTo(Override.MUST_EVICT);
        assertThat(EventLogDatabase.adjudicate(
                        new SQLException("no table", "42S02", ErrorCode.TABLE_OR_VIEW_NOT_FOUND_1)))
                .isEqualTo(Override.CONTINUE_EVICT);
    }

    private static EventLogProperties properties(int port, String name) {
        return new EventLogProperties(
                "jdbc:h2:tcp://localhost:" + port + "/mem:" + name + ";DB_CLOSE_DELAY=-1",
                "sa",
                "",
                Duration.ofMillis(20));
    }
}
