package io.stockledger.command.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stockledger.command.CommandSideApplication;
import io.stockledger.security.test.ListeningSockets;
import io.stockledger.security.test.ListeningSockets.Listener;
import io.stockledger.store.StorePassword;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The embedded store's TCP server (H2's {@code AUTO_SERVER}, through which the query side opens the event file)
 * listens on the loopback interface only, as {@code ss -ltn} would show it (read from {@code /proc/net/tcp*}), and
 * takes the data directory's password only: not the empty one, not H2's default user. A data directory made when the
 * store took the empty password is given the new one at start.
 */
@EnabledOnOs(OS.LINUX)
class StoreServerTest {

    @Test
    void theStoresTcpServerListensOnLoopbackOnlyAndRefusesTheEmptyPassword() throws Exception {
        Path data = Files.createTempDirectory("store-server");
        try (ConfigurableApplicationContext ignored = start(data)) {
            Properties lock = lockFile(data);
            String server = lock.getProperty("server");
            assertThat(server)
                    .as("the address the lock file gives the other side")
                    .startsWith("localhost:");
            int port = Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));

            assertThat(ListeningSockets.onPort(port))
                    .extracting(Listener::address)
                    .isNotEmpty()
                    .containsAnyOf("127.0.0.1", "::1")
                    .allSatisfy(address -> assertThat(address).isIn("127.0.0.1", "::1"));

            // over TCP, as another process reaches it: the lock file's key names the database
            String remote = "jdbc:h2:tcp://" + server + "/" + lock.getProperty("id");
            assertRefused(remote, "sa", "");
            assertRefused(remote, "", "");
            try (Connection connection = DriverManager.getConnection(remote, "sa", StorePassword.of(data))) {
                assertThat(connection.isValid(1)).isTrue();
            }
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(StorePassword.FILE))))
                .isEqualTo("rw-------");
    }

    @Test
    void aStoreMadeWithTheEmptyPasswordIsGivenTheDataDirectorysAtStart() throws Exception {
        Path data = Files.createTempDirectory("store-upgrade");
        // a store as it was before it had a password: made, then its user given the empty one and the file removed
        // (H2 is first used after the side set its bind address: H2 reads that once)
        start(data).close();
        try (Connection connection = DriverManager.getConnection(
                        "jdbc:h2:file:" + data.resolve("events/ledger"), "sa", StorePassword.of(data));
                Statement statement = connection.createStatement()) {
            statement.execute("ALTER USER sa SET PASSWORD ''");
        }
        Files.delete(data.resolve(StorePassword.FILE));

        try (ConfigurableApplicationContext ignored = start(data)) {
            Properties lock = lockFile(data);
            String remote = "jdbc:h2:tcp://" + lock.getProperty("server") + "/" + lock.getProperty("id");
            assertRefused(remote, "sa", "");
            try (Connection connection = DriverManager.getConnection(remote, "sa", StorePassword.of(data));
                    Statement statement = connection.createStatement()) {
                statement.execute("SELECT COUNT(*) FROM DomainEventEntry");
            }
        }
    }

    private static ConfigurableApplicationContext start(Path data) {
        return new SpringApplicationBuilder(CommandSideApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.main.banner-mode=off",
                        "--logging.level.root=WARN",
                        "--stockledger.data-dir=" + data);
    }

    private static Properties lockFile(Path data) throws IOException {
        Properties lock = new Properties();
        try (InputStream in = Files.newInputStream(data.resolve("events/ledger.lock.db"))) {
            lock.load(in);
        }
        return lock;
    }

    private static void assertRefused(String url, String user, String password) {
        assertThatThrownBy(
                        () -> DriverManager.getConnection(url, user, password).close())
                .as("%s with %s/\"%s\"", url, user, password)
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28000"));
    }
}
