package io.stockledger.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stockledger.security.test.ListeningSockets;
import io.stockledger.security.test.ListeningSockets.Listener;
import io.stockledger.store.StorePassword;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * No database server of the ledger listens beyond loopback, and none takes the empty password. Each side serves one
 * H2 file to other processes (H2's {@code AUTO_SERVER}): the command side the event store, the query side the
 * projections. Their listening sockets are read as {@code ss -ltnp} reads them ({@code /proc/<pid>/fd} and {@code
 * /proc/net/tcp*}); their logins are tried over TCP as another process on the machine would.
 */
@EnabledOnOs(OS.LINUX)
@ExtendWith(PrintLogsOnFailure.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StoreServersEndToEndTest {

    private static final String LOCATION = "WH-STORE";

    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "::1");

    /** The H2 files of a data directory, each served by the side that opens it first. */
    private static final List<String> DATABASES = List.of("events/ledger", "query/projections");

    private static Ledger ledger;

    @BeforeAll
    static void startLedger() {
        ledger = Ledger.start("store-servers");
    }

    @AfterAll
    static void stopLedger() {
        if (ledger != null) {
            ledger.close();
        }
    }

    @Test
    void eachSideListensBeyondLoopbackOnlyWithItsHttpPort() throws IOException {
        assertListensOnLoopbackOnlyBesidesHttp(ledger.commandSide(), "events/ledger");
        assertListensOnLoopbackOnlyBesidesHttp(ledger.querySide(), "query/projections");
    }

    @Test
    void neitherStoreServerTakesTheEmptyPasswordNorH2sDefaultUser() throws Exception {
        String password = StorePassword.of(ledger.dataDir());
        assertThat(PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(ledger.dataDir().resolve(StorePassword.FILE))))
                .isEqualTo("rw-------");
        for (String database : DATABASES) {
            Properties lock = lockFile(database);
            // the database as its server names it to other processes: the key in the lock file
            String served = "jdbc:h2:tcp://" + lock.getProperty("server") + "/" + lock.getProperty("id");
            assertRefused(served, "sa", "");
            assertRefused(served, "", "");
            // what another process on the machine does: the file's URL, through the lock file to the server
            assertRefused(fileUrl(database), "sa", "");
            try (Connection connection = DriverManager.getConnection(served, "sa", password)) {
                assertThat(connection.isValid(5)).as(database).isTrue();
            }
        }
    }

    @Test
    @Order(Integer.MAX_VALUE) // it stops and starts both sides
    void aDataDirectoryMadeWhenTheStoreTookTheEmptyPasswordIsGivenOneAtStartAndKeepsItsHistory() throws Exception {
        String sku = MovementRequest.newSku("E2E-STORE");
        ObjectNode before = MovementRequest.of(sku, LOCATION, 4);
        assertThat(ledger.post("receipts", before).status()).isEqualTo(201);
        ledger.awaitPosition(sku, LOCATION, view -> view.path("onHand").asLong() == 4);

        // the data directory as an earlier version left it: both databases on the empty password, no password file
        ledger.querySide().stop();
        ledger.commandSide().stop();
        String earlier = StorePassword.of(ledger.dataDir());
        for (String database : DATABASES) {
            try (Connection connection = DriverManager.getConnection(fileUrl(database), "sa", earlier);
                    Statement statement = connection.createStatement()) {
                statement.execute("ALTER USER sa SET PASSWORD ''");
            }
        }
        Files.delete(ledger.dataDir().resolve(StorePassword.FILE));

        ledger.commandSide().start(ledger.http());
        ledger.querySide().start(ledger.http());

        String password = StorePassword.of(ledger.dataDir());
        assertThat(password).isNotEqualTo(earlier);
        for (String database : DATABASES) {
            assertRefused(fileUrl(database), "sa", "");
            try (Connection connection = DriverManager.getConnection(fileUrl(database), "sa", password)) {
                assertThat(connection.isValid(5)).as(database).isTrue();
            }
        }
        assertThat(ledger.movement(before.get("movementId").asText()).status()).isEqualTo(200);
        ObjectNode after = MovementRequest.of(sku, LOCATION, 3);
        assertThat(ledger.post("receipts", after).status()).isEqualTo(201);
        ledger.awaitPosition(sku, LOCATION, view -> view.path("onHand").asLong() == 7);
    }

    /**
     * Every socket {@code side} listens on is on loopback but its HTTP port (every interface unless {@code
     * server.address} says otherwise), and the store server the lock file of {@code database} names is one of them.
     */
    private static void assertListensOnLoopbackOnlyBesidesHttp(LedgerProcess side, String database) throws IOException {
        Set<Listener> listeners = ListeningSockets.ofProcess(side.pid());
        String server = lockFile(database).getProperty("server");
        int storePort = Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));

        assertThat(listeners).as(side.name()).extracting(Listener::port).contains(side.port(), storePort);
        assertThat(listeners)
                .as("%s's listening sockets but its HTTP port %d", side.name(), side.port())
                .filteredOn(listener -> listener.port() != side.port())
                .allSatisfy(listener -> assertThat(listener.address()).isIn(LOOPBACK));
    }

    private static Properties lockFile(String database) throws IOException {
        Properties lock = new Properties();
        try (InputStream in = Files.newInputStream(ledger.dataDir().resolve(database + ".lock.db"))) {
            lock.load(in);
        }
        return lock;
    }

    private static String fileUrl(String database) {
        return "jdbc:h2:file:" + ledger.dataDir().resolve(database) + ";AUTO_SERVER=TRUE";
    }

    private static void assertRefused(String url, String user, String password) {
        assertThatThrownBy(
                        () -> DriverManager.getConnection(url, user, password).close())
                .as("%s as '%s' with '%s'", url, user, password)
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28000"));
    }
}
