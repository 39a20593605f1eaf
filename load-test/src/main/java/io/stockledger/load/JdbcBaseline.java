package io.stockledger.load;

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
 * The physical limit of the store, measured in the same run: plain JDBC on an H2 file database with the command
 * side's durability settings ({@code WRITE_DELAY=0}: every commit is written through), the same concurrency, and
 * transactions of "conditional UPDATE of a stock row + INSERT of one event row as wide as a domain_event_entry
 * row".
 */
final class JdbcBaseline {

    /** What the baseline measured: committed transactions, refused updates (no stock), seconds, rate. */
    record Result(long committed, long refused, double seconds, int clients, String url) {
        double perSecond() {
            return committed / seconds;
        }
    }

    static final int POSITIONS = 2_000;
    /** About the size of a serialized StockReserved payload and its metadata in domain_event_entry. */
    private static final int PAYLOAD_BYTES = 640;

    private static final int METADATA_BYTES = 320;

    private JdbcBaseline() {}

    static Result run(Path directory, int clients, Duration duration) throws Exception {
        Files.createDirectories(directory);
        String url =
                "jdbc:h2:file:" + directory.toAbsolutePath().resolve("baseline") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
        try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("DROP TABLE IF EXISTS stock");
                ddl.execute("DROP TABLE IF EXISTS event_entry");
                ddl.execute("CREATE TABLE stock (id VARCHAR(255) PRIMARY KEY, on_hand BIGINT NOT NULL,"
                        + " reserved BIGINT NOT NULL)");
                ddl.execute("CREATE TABLE event_entry (global_index BIGINT AUTO_INCREMENT PRIMARY KEY,"
                        + " event_identifier VARCHAR(255) NOT NULL UNIQUE, aggregate_identifier VARCHAR(255) NOT NULL,"
                        + " sequence_number BIGINT NOT NULL, type VARCHAR(255), time_stamp VARCHAR(255) NOT NULL,"
                        + " payload_type VARCHAR(255) NOT NULL, payload_revision VARCHAR(255), payload BLOB NOT NULL,"
                        + " meta_data BLOB, UNIQUE (aggregate_identifier, sequence_number))");
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
                    play(url, sequences, deadline, committed, refused);
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            return new Result(committed.sum(), refused.sum(), seconds, clients, url);
        }
    }

    private static void play(String url, long[] sequences, long deadline, LongAdder committed, LongAdder refused)
            throws SQLException {
        byte[] payload = new byte[PAYLOAD_BYTES];
        byte[] metadata = new byte[METADATA_BYTES];
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                PreparedStatement reserve = connection.prepareStatement(
                        "UPDATE stock SET reserved = reserved + ? WHERE id = ? AND on_hand - reserved >= ?");
                PreparedStatement append = connection.prepareStatement("INSERT INTO event_entry (event_identifier,"
                        + " aggregate_identifier, sequence_number, type, time_stamp, payload_type, payload_revision,"
                        + " payload, meta_data) VALUES (?, ?, ?, 'StockPosition', ?, ?, '1', ?, ?)")) {
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
                    committed.increment();
                } else {
                    connection.rollback();
                    refused.increment();
                }
            }
        }
    }
}
