package io.stockledger.command.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stockledger.command.CommandSideApplication;
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
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
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

            assertThat(listeningAddresses(port))
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

    /** The local addresses of the sockets listening on {@code port}, IPv4 and IPv6. */
    private static Set<String> listeningAddresses(int port) throws IOException {
        Set<String> addresses = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.exists(file)) {
                continue;
            }
            for (String line :
                    Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
                String[] fields = line.trim().split("\\s+");
                String[] local = fields[1].split(":");
                boolean listening = "0A".equals(fields[3]);
                if (listening && Integer.parseInt(local[1], 16) == port) {
                    addresses.add(address(local[0]));
                }
            }
        }
        return addresses;
    }

    /** A /proc/net address: 8 hex digits (IPv4, little-endian) or 32 (IPv6, four little-endian words). */
    private static String address(String hex) {
        String upper = hex.toUpperCase(Locale.ROOT);
        if (upper.length() == 8) {
            return ipv4(upper);
        }
        if (upper.equals("00000000000000000000000000000000")) {
            return "::";
        }
        if (upper.equals("00000000000000000000000001000000")) {
            return "::1";
        }
        if (upper.startsWith("0000000000000000FFFF0000")) {
            return ipv4(upper.substring(24));
        }
        return upper;
    }

    private static String ipv4(String littleEndianHex) {
        long value = Long.parseLong(littleEndianHex, 16);
        return (value & 0xFF) + "." + ((value >> 8) & 0xFF) + "." + ((value >> 16) & 0xFF) + "."
                + ((value >> 24) & 0xFF);
    }
}
