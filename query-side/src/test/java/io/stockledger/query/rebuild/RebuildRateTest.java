package io.stockledger.query.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.stockledger.query.EventsDatabase;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The figure for the note: how fast every projection rebuilds, in events per second, over a large log. Off unless
 * {@code -Dstockledger.rebuild-rate.events=1000000} (or any count) is given; writes its table to
 * {@code target/rebuild-rate.txt}.
 *
 * <p>Run: {@code mvn -B -pl query-side -am verify -Dtest=RebuildRateTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dstockledger.rebuild-rate.events=1000000}. The events are generated valid histories over 2,000 positions, written
 * the way the command side writes them (Axon's JDBC engine, its Jackson mapper) in batches of 10,000 per
 * transaction, every live processor stopped. The baseline reads and deserialises the same log through the event
 * store and projects nothing: the floor of any rebuild. Then every live processor is put at the head of the log with
 * empty tables, and each projection in turn is rebuilt without downtime (replayed into its shadow generation,
 * compared with the empty live one, switched in), alone on the machine; {@code
 * -Dstockledger.rebuild-rate.projections=positions,audit} names fewer. The table is rewritten after every phase.
 */
@SpringBootTest
@EnabledIfSystemProperty(named = "stockledger.rebuild-rate.events", matches = "\\d+")
class RebuildRateTest {

    private static final Path DATA = EventsDatabase.temporaryDataDirectory("stockledger-rebuild-rate");
    private static final EventsDatabase EVENTS = new EventsDatabase(DATA);
    private static final int BATCH = 10_000;
    /** The projections to rebuild, in this order; {@code -Dstockledger.rebuild-rate.projections=a,b} for fewer. */
    private static final List<String> ORDER = List.of(System.getProperty(
                    "stockledger.rebuild-rate.projections",
                    "positions,reservations,channel-availability,audit-chain,finance,audit")
            .split(","));

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry properties) {
        properties.add("stockledger.data-dir", DATA::toString);
        properties.add("logging.level.io.stockledger.query.rebuild", () -> "info");
    }

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    Rebuilds rebuilds;

    @Autowired
    EventStore eventStore;

    @Autowired
    TokenStore tokenStore;

    @Autowired
    TransactionManager transactions;

    @Test
    void measuresTheRebuildRateOverALargeLog() throws Exception {
        long events = Long.getLong("stockledger.rebuild-rate.events");
        for (String group : processing.eventProcessors().keySet()) {
            processing.eventProcessor(group, TrackingEventProcessor.class).ifPresent(TrackingEventProcessor::shutDown);
        }
        List<String> table = new ArrayList<>();
        table.add(String.format(
                Locale.ROOT,
                "%-48s %10s %9s %10s %14s %9s %12s",
                "phase",
                "events",
                "seconds",
                "events/s",
                "peak heap MB",
                "CPU s",
                "events/CPU s"));

        // Seed the log.
        JdbcDataSource dataSource = EVENTS.dataSource();
        try (Connection connection = dataSource.getConnection()) {
            EVENTS.createTables(connection);
        }
        JacksonSerializer serializer = JacksonSerializer.builder()
                .objectMapper(JsonMapper.builder()
                        .findAndAddModules()
                        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                        .build())
                .build();
        History history = new History(2026, 200, 10);
        Heap heap = new Heap();
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            SingleConnectionDataSource batches = new SingleConnectionDataSource(connection, true);
            JdbcEventStorageEngine writer = JdbcEventStorageEngine.builder()
                    .connectionProvider(batches::getConnection)
                    .transactionManager(NoTransactionManager.INSTANCE)
                    .eventSerializer(serializer)
                    .snapshotSerializer(serializer)
                    .build();
            for (long written = 0; written < events; written += BATCH) {
                writer.appendEvents(Arrays.asList(history.next((int) Math.min(BATCH, events - written))));
                connection.commit();
                heap.sample();
                if ((written / BATCH) % 10 == 9) {
                    System.out.printf(Locale.ROOT, "seeded %d events%n", written + BATCH);
                }
            }
        }
        table.add(row("seed the event log (10,000 per transaction)", events, started, heap));
        write(table);

        // The trivial baseline: the same log read and deserialised through the event store, nothing projected.
        heap = new Heap();
        started = System.nanoTime();
        long read = 0;
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            while (read < events && stream.hasNextAvailable(1, TimeUnit.SECONDS)) {
                TrackedEventMessage<?> event = stream.nextAvailable();
                assertThat(event.getPayload()).isNotNull();
                read++;
                if (read % BATCH == 0) {
                    heap.sample();
                }
            }
        }
        table.add(row("baseline: read and deserialise the log", read, started, heap));
        write(table);

        // Every live processor starts at the head of the log with empty tables, so that each rebuild runs alone.
        TrackingToken head = eventStore.createHeadToken();
        for (String group : ProjectionCatalog.PROJECTIONS.keySet()) {
            transactions.executeInTransaction(() -> tokenStore.storeToken(head, group, 0));
        }
        for (String group : processing.eventProcessors().keySet()) {
            processing.eventProcessor(group, TrackingEventProcessor.class).ifPresent(TrackingEventProcessor::start);
        }

        long allEvents = 0;
        long allStarted = System.nanoTime();
        Heap allHeap = new Heap();
        List<String> notes = new ArrayList<>();
        List<Rebuild> finished = new ArrayList<>();
        for (String projection : ORDER) {
            heap = new Heap();
            started = System.nanoTime();
            Rebuild rebuild = rebuilds.start(projection, true);
            Rebuild done;
            int polls = 0;
            do {
                Thread.sleep(100);
                heap.sample();
                allHeap.sample();
                done = rebuilds.find(projection, rebuild.id()).orElseThrow();
                if (++polls % 300 == 0) {
                    System.out.println("rebuild of " + projection + ": " + done.state() + " " + done.eventsDone() + "/"
                            + done.eventsTotal() + " events, " + done.rate() + " events/s");
                }
            } while (!done.finished());
            table.add(row("rebuild: " + projection, done.eventsDone(), started, heap));
            write(table);
            allEvents += done.eventsDone();
            finished.add(done);
            notes.add(projection + ": " + done.state() + ", replay rate " + done.rate()
                    + " events/s, switch-over pause " + done.switchMillis() + " ms"
                    + (done.failure() == null ? "" : ", failure " + done.failure()));
        }
        table.add(row("rebuild: all " + ORDER.size() + ", one after another", allEvents, allStarted, allHeap));
        table.add("");
        table.addAll(notes);
        table.add("max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB, "
                + Runtime.getRuntime().availableProcessors() + " CPUs, load average at the end "
                + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

        System.out.print(write(table));

        assertThat(finished).extracting(Rebuild::state).containsOnly(Rebuild.DONE);
    }

    /** The table so far, to {@code target/rebuild-rate.txt}: a long run that is stopped still leaves its figures. */
    private static String write(List<String> table) throws IOException {
        String report = String.join("\n", table) + "\n";
        Path target = Path.of("target");
        Files.createDirectories(target);
        Files.writeString(target.resolve("rebuild-rate.txt"), report, StandardCharsets.UTF_8);
        return report;
    }

    private static String row(String phase, long events, long startedNanos, Heap heap) {
        double seconds = Duration.ofNanos(System.nanoTime() - startedNanos).toMillis() / 1000.0;
        heap.sample();
        double cpuSeconds = heap.cpuSeconds();
        return String.format(
                Locale.ROOT,
                "%-48s %10d %9.1f %10.0f %14d %9.1f %12.0f",
                phase,
                events,
                seconds,
                events / seconds,
                heap.peakMegabytes(),
                cpuSeconds,
                events / cpuSeconds);
    }

    /**
     * The most heap in use seen during a phase, sampled every 200 ms and at its end (after a GC at its start), and the
     * CPU time this process spent in it. Other engineers' builds share the machine: the wall-clock rate swings with
     * their load, the events per CPU second much less.
     */
    private static final class Heap {

        private long peak;
        private final long cpuStarted;

        Heap() {
            System.gc();
            cpuStarted = processCpuNanos();
        }

        double cpuSeconds() {
            return (processCpuNanos() - cpuStarted) / 1e9;
        }

        private static long processCpuNanos() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
        }

        void sample() {
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            peak = Math.max(peak, used);
        }

        long peakMegabytes() {
            return peak / (1024 * 1024);
        }
    }
}
