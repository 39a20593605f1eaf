package io.stockledger.load;

import io.stockledger.store.StoreLogin;
import io.stockledger.store.StorePassword;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * The physical limit of the store, measured in the same run. Its definition is frozen: plain JDBC on an H2 file
 * database, as many connections as the day has clients, and transactions of "conditional UPDATE of a stock row +
 * INSERT of one event row as wide as a domain_event_entry row", each made durable as the ledger makes an
 * acknowledged command durable. Two stores: {@linkplain Store#ledger the ledger's own} (its event table layout and
 * JDBC settings, a {@code CHECKPOINT SYNC} after each commit: H2 writes and fsyncs the file) and, for comparison
 * once, {@linkplain Store#blobLayout the layout before issue 19} (BLOB payload, unique event id, {@code
 * WRITE_DELAY=0} and no explicit sync).
 */
final class JdbcBaseline {

    /**
     * The command side's H2 settings, as its {@code spring.datasource.url} gives them after the file name; {@code
     * ./stockledger perf} passes the ones of the command side it runs ({@code --baseline-settings}).
     */
    static final String LEDGER_SETTINGS = "AUTO_SERVER=TRUE;WRITE_DELAY=0";

    /** The event table's layout. */
    enum Layout {
        /** The ledger's: payload and metadata stored in place (VARBINARY), no unique index on the event id. */
        VARBINARY,
        /** Before issue 19: payload and metadata as BLOBs, a unique index on the (random) event id. */
        BLOB
    }

    /** A store to measure: its name, event table layout, H2 settings, and whether each commit is synced to disk. */
    record Store(String name, Layout layout, String settings, boolean syncEachCommit) {

        /** The ledger's own store: its table layout and settings, each transaction synced to disk after its commit. */
        static Store ledger(String settings) {
            return new Store("ledger", Layout.VARBINARY, settings, true);
        }

        /** The store as it was before issue 19 (the baseline of every report until then). */
        static Store blobLayout() {
            return new Store("blob-layout", Layout.BLOB, "AUTO_SERVER=TRUE;WRITE_DELAY=0", false);
        }
    }

    /**
     * What the baseline measured: committed transactions, refused updates (no stock), seconds, the store's URL and
     * layout, whether each commit was synced, and the size of its file at the end.
     */
    record Result(
            long committed,
            long refused,
            double seconds,
            int clients,
            String url,
            String store,
            Layout layout,
            boolean syncEachCommit,
            long fileBytes) {
        double perSecond() {
            return committed / seconds;
        }

        /** The file's size per committed transaction (one event each). */
        double bytesPerEvent() {
            return committed == 0 ? 0 : fileBytes / (double) committed;
        }
    }

    static final int POSITIONS = 2_000;
    /** About the size of a serialized StockReserved payload and its metadata in domain_event_entry. */
    private static final int PAYLOAD_BYTES = 640;

    private static final int METADATA_BYTES = 320;

    private JdbcBaseline() {}

    /** The table the baseline appends to, in {@code layout}. */
    static String eventTable(Layout layout) {
        String bytes = layout == Layout.BLOB ? "BLOB" : "VARBINARY";
        return "CREATE TABLE event_entry (global_index BIGINT AUTO_INCREMENT PRIMARY KEY,"
                + " event_identifier VARCHAR(255) NOT NULL" + (layout == Layout.BLOB ? " UNIQUE" : "") + ","
                + " aggregate_identifier VARCHAR(255) NOT NULL, sequence_number BIGINT NOT NULL, type VARCHAR(255),"
                + " time_stamp VARCHAR(255) NOT NULL, payload_type VARCHAR(255) NOT NULL,"
                + " payload_revision VARCHAR(255), payload " + bytes + " NOT NULL, meta_data " + bytes + ","
                + " UNIQUE (aggregate_identifier, sequence_number))";
    }

    static Result run(Path directory, Store store, int clients, Duration duration) throws Exception {
        Files.createDirectories(directory);
        Path file = directory.toAbsolutePath().resolve("baseline");
        String url = "jdbc:h2:file:" + file + (store.settings().isBlank() ? "" : ";" + store.settings());
        // a password of its own, as the ledger's databases have (its server, with AUTO_SERVER, takes no empty one)
        String password = StorePassword.of(directory);
        try (Connection connection = StoreLogin.connect(url, StorePassword.USER, password)) {
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("DROP TABLE IF EXISTS stock");
                ddl.execute("DROP TABLE IF EXISTS event_entry");
                ddl.execute("CREATE TABLE stock (id VARCHAR(255) PRIMARY KEY, on_hand BIGINT NOT NULL,"
                        + " reserved BIGINT NOT NULL)");
                ddl.execute(eventTable(store.layout()));
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO stock VALUES (?, ?, 0)")) {
                for (int i = 0; i < POSITIONS; i++) {
                    insert.setString(1, "BASE-" + i + "@DC1");
                    insert.setLong(2, Long.MAX_VALUE / 4);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            long[] sequences = new long[POSITIONS];
            LongAdder committed = new LongAdder();
            LongAdder refused = new LongAdder();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            long start = System.nanoTime();
            long deadline = start + duration.toNanos();
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                running.add(pool.submit(() -> {
                    play(url, password, store.syncEachCommit(), sequences, deadline, committed, refused);
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            try (Statement sync = connection.createStatement()) {
                sync.execute("CHECKPOINT SYNC");
            }
            long fileBytes = Files.size(directory.resolve("baseline.mv.db"));
            return new Result(
                    committed.sum(),
                    refused.sum(),
                    seconds,
                    clients,
                    url,
                    store.name(),
                    store.layout(),
                    store.syncEachCommit(),
                    fileBytes);
        }
    }

    private static void play(
            String url,
            String password,
            boolean syncEachCommit,
            long[] sequences,
            long deadline,
            LongAdder committed,
            LongAdder refused)
            throws SQLException {
        byte[] payload = new byte[PAYLOAD_BYTES];
        byte[] metadata = new byte[METADATA_BYTES];
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try (Connection connection = DriverManager.getConnection(url, StorePassword.USER, password);
                PreparedStatement reserve = connection.prepareStatement(
                        "UPDATE stock SET reserved = reserved + ? WHERE id = ? AND on_hand - reserved >= ?");
                PreparedStatement append = connection.prepareStatement("INSERT INTO event_entry (event_identifier,"
                        + " aggregate_identifier, sequence_number, type, time_stamp, payload_type, payload_revision,"
                        + " payload, meta_data) VALUES (?, ?, ?, 'StockPosition', ?, ?, '1', ?, ?)");
                Statement sync = connection.createStatement()) {
            connection.setAutoCommit(false);
            while (System.nanoTime() < deadline) {
                int position = random.nextInt(POSITIONS);
                String id = "BASE-" + position + "@DC1";
                long units = 1 + random.nextInt(3);
                reserve.setLong(1, units);
                reserve.setString(2, id);
                reserve.setLong(3, units);
                if (reserve.executeUpdate() == 1) {
                    long sequence;
                    synchronized (sequences) {
                        sequence = sequences[position]++;
                    }
                    random.nextBytes(payload);
                    append.setString(1, UUID.randomUUID().toString());
                    append.setString(2, id);
                    append.setLong(3, sequence);
                    append.setString(
                            4, Timestamp.from(Instant.now()).toInstant().toString());
                    append.setString(5, "io.stockledger.api.stock.StockReserved");
                    append.setBytes(6, payload);
                    append.setBytes(7, metadata);
                    append.executeUpdate();
                    connection.commit();
                    if (syncEachCommit) {
                        // durable as the ledger acknowledges: H2 writes what is committed and fsyncs the file
                        sync.execute("CHECKPOINT SYNC");
                    }
                    committed.increment();
                } else {
                    connection.rollback();
                    refused.increment();
                }
            }
        }
    }
}
