package io.stockledger.security;

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
 * A side closes the H2 file it opened itself when it says so, and leaves alone a database another process serves,
 * one another context in this JVM opened first, and one without a file. That H2's own shutdown hook no longer closes
 * it early is what the end-to-end graceful stop tests of both sides stop a side under load for.
 */
class OwnedH2FileTest {

    @TempDir
    Path directory;

    @Test
    void aStoreThisSideOpenedIsClosedWhenTheBeanIsDestroyed() throws Exception {
        JdbcDataSource store = dataSource("jdbc:h2:file:" + directory.resolve("ledger") + ";AUTO_SERVER=TRUE");
        try (Connection reader = store.getConnection()) {
            OwnedH2File shutdown = new OwnedH2File(store, "the store");
            assertThat(shutdown.ours()).isTrue();
            assertThat(select1(reader)).isEqualTo(1);

            shutdown.close();

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
                OwnedH2File shutdown = new OwnedH2File(remote, "the store");
                assertThat(shutdown.ours()).isFalse();

                shutdown.close();

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
            OwnedH2File shutdown = new OwnedH2File(memory, "the store");
            assertThat(shutdown.ours()).isFalse();

            shutdown.close();

            assertThat(select1(reader)).isEqualTo(1);
        }
    }

    @Test
    void aDatabaseAnotherContextInThisJvmOpenedFirstIsLeftToIt() throws Exception {
        JdbcDataSource store = dataSource("jdbc:h2:file:" + directory.resolve("shared") + ";AUTO_SERVER=TRUE");
        try (Connection reader = store.getConnection()) {
            OwnedH2File first = new OwnedH2File(store, "the store");
            OwnedH2File second = new OwnedH2File(store, "the store");
            assertThat(first.ours()).isTrue();
            assertThat(second.ours()).isFalse();

            second.close();

            assertThat(select1(reader)).isEqualTo(1);
            first.close();
        }
    }

    @Test
    void anH2WithoutTheHookItKnowsLeavesClosingToH2() throws Exception {
        JdbcDataSource store = dataSource("jdbc:h2:file:" + directory.resolve("other-h2") + ";AUTO_SERVER=TRUE");
        try (Connection connection = store.getConnection()) {
            Database database =
                    ((SessionLocal) connection.unwrap(JdbcConnection.class).getSession()).getDatabase();

            assertThat(OwnedH2File.leaveClosingToUs(database, "org.h2.engine.NoSuchCloser", "the store"))
                    .isFalse();
            assertThat(OwnedH2File.leaveClosingToUs(database, OwnedH2File.H2_CLOSER, "the store"))
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
