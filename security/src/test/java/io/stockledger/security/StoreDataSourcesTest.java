package io.stockledger.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.stockledger.store.StorePassword;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A side opens its H2 files with the data directory's password, and gives it to a database made without one. */
class StoreDataSourcesTest {

    @TempDir
    Path data;

    @Test
    void aNewStoreIsMadeWithTheDataDirectorysPasswordAndRefusesTheEmptyOne() throws Exception {
        String url = "jdbc:h2:file:" + data.resolve("events/ledger") + ";AUTO_SERVER=TRUE";
        try (HikariDataSource pool = pool(url, "")) {
            StoreDataSources.open(pool, data);

            assertThat(pool.getPassword()).isEqualTo(StorePassword.of(data)).isNotEmpty();
            assertRefused(url, "");
            try (Connection connection = DriverManager.getConnection(url, "sa", StorePassword.of(data))) {
                assertThat(connection.isValid(1)).isTrue();
            }
        }
    }

    @Test
    void aStoreMadeWithTheEmptyPasswordIsGivenTheDataDirectorysAndKeepsItsRows() throws Exception {
        String url = "jdbc:h2:file:" + data.resolve("query/projections") + ";AUTO_SERVER=TRUE";
        try (Connection old = DriverManager.getConnection(url, "sa", "");
                Statement statement = old.createStatement()) {
            statement.execute("CREATE TABLE position_view (id VARCHAR PRIMARY KEY)");
            statement.execute("INSERT INTO position_view VALUES ('WIDGET@DC1')");
        }

        try (HikariDataSource pool = pool(url, "")) {
            StoreDataSources.open(pool, data);

            try (Connection connection = pool.getConnection();
                    Statement statement = connection.createStatement();
                    var rows = statement.executeQuery("SELECT COUNT(*) FROM position_view")) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(1);
            }
            assertRefused(url, "");
        }
    }

    @Test
    void aConfiguredPasswordIsUsedAndNoFileIsMade() throws Exception {
        String url = "jdbc:h2:file:" + data.resolve("events/ledger");
        try (HikariDataSource pool = pool(url, "configured-secret")) {
            StoreDataSources.open(pool, data);

            assertThat(pool.getPassword()).isEqualTo("configured-secret");
            assertThat(data.resolve(StorePassword.FILE)).doesNotExist();
        }
    }

    @Test
    void aStoreThatRefusesThePasswordStopsTheSideAndSaysWhichPassword() throws Exception {
        String url = "jdbc:h2:file:" + data.resolve("events/ledger");
        DriverManager.getConnection(url, "sa", "someone-elses").close();

        try (HikariDataSource pool = pool(url, "")) {
            assertThatThrownBy(() -> StoreDataSources.open(pool, data))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("stockledger.store.password")
                    .hasMessageContaining(StorePassword.FILE);
        }
    }

    private static HikariDataSource pool(String url, String password) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setUsername("sa");
        pool.setPassword(password);
        pool.setMaximumPoolSize(2);
        return pool;
    }

    private static void assertRefused(String url, String password) {
        assertThatThrownBy(
                        () -> DriverManager.getConnection(url, "sa", password).close())
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28000"));
    }
}
