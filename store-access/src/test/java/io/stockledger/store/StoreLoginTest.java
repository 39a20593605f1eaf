package io.stockledger.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreLoginTest {

    private static final String PASSWORD = "the-store-password";

    @TempDir
    Path data;

    @Test
    void aNewDatabaseIsMadeWithThePasswordAndRefusesTheEmptyOne() throws Exception {
        String url = url("fresh");
        try (Connection connection = StoreLogin.connect(url, StorePassword.USER, PASSWORD)) {
            assertThat(select1(connection)).isEqualTo(1);
        }

        assertRefused(url, StorePassword.USER, "");
    }

    @Test
    void aDatabaseMadeWithTheEmptyPasswordIsGivenThePasswordAndKeepsItsData() throws Exception {
        String url = url("old");
        try (Connection old = DriverManager.getConnection(url, StorePassword.USER, "");
                Statement statement = old.createStatement()) {
            statement.execute("CREATE TABLE kept (id INT)");
            statement.execute("INSERT INTO kept VALUES (7)");
        }

        try (Connection upgraded = StoreLogin.connect(url, StorePassword.USER, PASSWORD);
                Statement statement = upgraded.createStatement();
                var rows = statement.executeQuery("SELECT id FROM kept")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(7);
        }

        assertRefused(url, StorePassword.USER, "");
        try (Connection again = DriverManager.getConnection(url, StorePassword.USER, PASSWORD)) {
            assertThat(select1(again)).isEqualTo(1);
        }
    }

    @Test
    void aDatabaseWithAnotherPasswordIsRefusedAndKeepsIt() throws Exception {
        String url = url("other");
        DriverManager.getConnection(url, StorePassword.USER, "another-password").close();

        assertThatThrownBy(() -> StoreLogin.connect(url, StorePassword.USER, PASSWORD))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState())
                        .isEqualTo(StoreLogin.WRONG_USER_OR_PASSWORD));
        DriverManager.getConnection(url, StorePassword.USER, "another-password").close();
    }

    private String url(String name) {
        return "jdbc:h2:file:" + data.resolve(name);
    }

    private static void assertRefused(String url, String user, String password) {
        assertThatThrownBy(
                        () -> DriverManager.getConnection(url, user, password).close())
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState())
                        .isEqualTo(StoreLogin.WRONG_USER_OR_PASSWORD));
    }

    private static int select1(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT 1")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
