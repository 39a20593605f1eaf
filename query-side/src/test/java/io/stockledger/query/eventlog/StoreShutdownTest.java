package io.stockledger.query.eventlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The query side closes the projections database it opened itself when Spring destroys the bean (after the web
 * server and the processors stopped), not in H2's shutdown hook. {@code QuerySideGracefulStopEndToEndTest} stops a
 * query side under read load for what that buys.
 */
class StoreShutdownTest {

    @TempDir
    Path directory;

    @Test
    void aDatabaseThisSideOpenedIsClosedWhenTheBeanIsDestroyed() throws Exception {
        JdbcDataSource projections =
                dataSource("jdbc:h2:file:" + directory.resolve("projections") + ";AUTO_SERVER=TRUE");
        try (Connection reader = projections.getConnection()) {
            StoreShutdown shutdown = new StoreShutdown(projections);
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
    void aDatabaseAnotherContextInThisJvmOpenedFirstIsLeftToIt() throws Exception {
        JdbcDataSource projections =
                dataSource("jdbc:h2:file:" + directory.resolve("projections") + ";AUTO_SERVER=TRUE");
        try (Connection reader = projections.getConnection()) {
            StoreShutdown first = new StoreShutdown(projections);
            StoreShutdown second = new StoreShutdown(projections);
            assertThat(first.closesTheStore()).isTrue();
            assertThat(second.closesTheStore()).isFalse();

            second.destroy();

            assertThat(select1(reader)).isEqualTo(1);
            first.destroy();
        }
    }

    @Test
    void aDatabaseWithoutAFileIsNotClosedByIt() throws Exception {
        JdbcDataSource memory = dataSource("jdbc:h2:mem:" + UUID.randomUUID());
        try (Connection reader = memory.getConnection()) {
            StoreShutdown shutdown = new StoreShutdown(memory);
            assertThat(shutdown.closesTheStore()).isFalse();

            shutdown.destroy();

            assertThat(select1(reader)).isEqualTo(1);
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
