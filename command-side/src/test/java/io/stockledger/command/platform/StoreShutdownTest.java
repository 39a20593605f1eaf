package io.stockledger.command.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.h2.api.ErrorCode;
import org.h2.engine.Database;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command side closes the event store it opened itself, when Spring destroys the bean (after the web server and
 * the processors stopped), and leaves a store another process serves alone. That H2's own shutdown hook no longer
 * closes it early is what {@code GracefulStopEndToEndTest} stops a command side under load for.
 */
class StoreShutdownTest {

    @TempDir
    Path directory;

    @Test
    void aStoreThisSideOpenedIsClosedWhenTheBeanIsDestroyed() throws Exception {
        JdbcDataSource store = dataSource("jdbc:h2:file:" + directory.resolve("ledger") + ";AUTO_SERVER=TRUE");
        try (Connection reader = store.getConnection()) {
            StoreShutdown shutdown = new StoreShutdown(store);
            assertThat(shutdown.closesTheStore()).isTrue();
            assertThat(select1(reader)).isEqualTo(1);

            shutdown.destroy();

            assertThatThrownBy(() -> select1(reader))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getErrorCode())
                            .isIn(ErrorCode.DATABASE_CALLED_AT_SHUTDOWN, ErrorCode.DATABASE_IS_CLOSED));
        }
    }

    @Test
    void aStoreAnotherProcessServesIsLeftOpen() throws Exception {
        Server server = Server.createTcpServer("-tcpPort", "0", "-baseDir", directory.toString(), "-ifNotExists")
                .start();
        try {
            JdbcDataSource remote = dataSource("jdbc:h2:tcp://localhost:" + server.getPort() + "/served");
            try (Connection reader = remote.getConnection()) {
                StoreShutdown shutdown = new StoreShutdown(remote);
                assertThat(shutdown.closesTheStore()).isFalse();

                shutdown.destroy();

                assertThat(select1(reader)).isEqualTo(1);
            }
        } finally {
            server.stop();
        }
    }

    @Test
    void aStoreWithoutAFileIsNotClosedByIt() throws Exception {
        JdbcDataSource memory = dataSource("jdbc:h2:mem:" + UUID.randomUUID());
        try (Connection reader = memory.getConnection()) {
            StoreShutdown shutdown = new StoreShutdown(memory);
            assertThat(shutdown.closesTheStore()).isFalse();

            shutdown.destroy();

            assertThat(select1(reader)).isEqualTo(1);
        }
    }

    @Test
    void anH2WithoutTheHookItKnowsLeavesClosingToH2() throws Exception {
        JdbcDataSource store = dataSource("jdbc:h2:file:" + directory.resolve("other-h2") + ";AUTO_SERVER=TRUE");
        try (Connection connection = store.getConnection()) {
            Database database =
                    ((SessionLocal) connection.unwrap(JdbcConnection.class).getSession()).getDatabase();

            assertThat(StoreShutdown.leaveClosingToUs(database, "org.h2.engine.NoSuchCloser"))
                    .isFalse();
            assertThat(StoreShutdown.leaveClosingToUs(database, StoreShutdown.H2_CLOSER))
                    .isTrue();
        }
    }

    private static int select1(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                var result = statement.executeQuery("SELECT 1")) {
            result.next();
            return result.getInt(1);
        }
    }

    private static JdbcDataSource dataSource(String url) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        dataSource.setUser("sa");
        return dataSource;
    }
}
