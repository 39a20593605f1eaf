package io.stockledger.query.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.stockledger.query.EventsDatabase;
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
import java.util.OptionalLong;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The figure for the note: how fast a projection rebuilds, in events per second, over a large log. Off unless
 * {@code -Dstockledger.rebuild-rate.events=1000000} (or any count) is given; writes its table to
 * {@code target/rebuild-rate.txt}.
 *
 * <p>Run: {@code mvn -B -pl query-side -am verify -Dtest=RebuildRateTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dstockledger.rebuild-rate.events=1000000}. The events are generated valid histories over 2,000 positions, written
 * the way the command side writes them (Axon's JDBC engine, its Jackson mapper) in batches of 10,000 per
 * transaction. Every live processor is stopped while they are written. Then, for the positions projection: the
 * baseline is today's rebuild path (empty tables, no token: the live processor replays the log on its own), and the
 * rebuild is the one without downtime (shadow generation, compared, switched in) over the same log, with the live
 * processor caught up beside it. {@code -Dstockledger.rebuild-rate.baseline=false} skips the baseline: the live
 * projection is then left empty at the head of the log, so that the rebuild runs alone.
 */
@SpringBootTest
@EnabledIfSystemProperty(named = "stockledger.rebuild-rate.events", matches = "\\d+")
class RebuildRateTest {

    private static final Path DATA = EventsDatabase.temporaryDataDirectory("stockledger-rebuild-rate");
    private static final EventsDatabase EVENTS = new EventsDatabase(DATA);
    private static final int BATCH = 10_000;
    private static final boolean BASELINE =
            Boolean.parseBoolean(System.getProperty("stockledger.rebuild-rate.baseline", "true"));

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
    JdbcClient projections;

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
                Locale.ROOT, "%-44s %10s %9s %10s %14s", "phase", "events", "seconds", "events/s", "peak heap MB"));

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

        TrackingEventProcessor live = processing
                .eventProcessor("positions", TrackingEventProcessor.class)
                .orElseThrow();
        if (BASELINE) {
            // Baseline: today's path, the live positions processor replaying from an empty table.
            projections.sql("DELETE FROM stock_position").update();
            projections
                    .sql("DELETE FROM TokenEntry WHERE processorName = 'positions'")
                    .update();
            heap = new Heap();
            started = System.nanoTime();
            live.start();
        } else {
            // No baseline: the live projection is left empty at the head of the log, so the rebuild runs alone (and
            // its comparison reports every position as missing from the old generation).
            projections.sql("DELETE FROM stock_position").update();
            TrackingToken head = eventStore.createHeadToken();
            transactions.executeInTransaction(() -> tokenStore.storeToken(head, "positions", 0));
            live.start();
        }
        while (position(live) < events - 1) {
            Thread.sleep(200);
            heap.sample();
        }
        if (BASELINE) {
            table.add(row("baseline: live positions processor, no token", events, started, heap));
        }

        // The rebuild without downtime, the live processor running and caught up beside it.
        heap = new Heap();
        started = System.nanoTime();
        Rebuild rebuild = rebuilds.start("positions", true);
        Rebuild done;
        int polls = 0;
        do {
            Thread.sleep(200);
            heap.sample();
            done = rebuilds.find("positions", rebuild.id()).orElseThrow();
            if (++polls % 150 == 0) {
                System.out.println("rebuild: " + done.state() + " " + done.eventsDone() + "/" + done.eventsTotal()
                        + " events, " + done.rate() + " events/s, " + done.secondsRemaining() + " s remaining");
            }
        } while (!done.finished());
        table.add(row("rebuild without downtime: positions", done.eventsDone(), started, heap));
        table.add("");
        table.add("rebuild: state " + done.state() + ", replay rate " + done.rate() + " events/s, switch-over pause "
                + done.switchMillis() + " ms, differing rows " + done.differingRows() + ", positions "
                + projections
                        .sql("SELECT COUNT(*) FROM stock_position")
                        .query(Long.class)
                        .single()
                + ", max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB, "
                + Runtime.getRuntime().availableProcessors() + " CPUs, load average "
                + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

        String report = String.join("\n", table) + "\n";
        System.out.print(report);
        Path target = Path.of("target");
        Files.createDirectories(target);
        Files.writeString(target.resolve("rebuild-rate.txt"), report, StandardCharsets.UTF_8);

        assertThat(done.state()).isEqualTo(Rebuild.DONE);
        if (BASELINE) {
            assertThat(done.differingRows()).isZero();
            assertThat(done.newChecksum()).isEqualTo(done.oldChecksum());
        }
    }

    private static long position(TrackingEventProcessor processor) {
        return processor.processingStatus().values().stream()
                .map(EventTrackerStatus::getCurrentPosition)
                .filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong)
                .min()
                .orElse(-1);
    }

    private static String row(String phase, long events, long startedNanos, Heap heap) {
        double seconds = Duration.ofNanos(System.nanoTime() - startedNanos).toMillis() / 1000.0;
        heap.sample();
        return String.format(
                Locale.ROOT,
                "%-44s %10d %9.1f %10.0f %14d",
                phase,
                events,
                seconds,
                events / seconds,
                heap.peakMegabytes());
    }

    /** The most heap in use seen during a phase, sampled every 200 ms and at its end (after a GC at its start). */
    private static final class Heap {

        private long peak;

        Heap() {
            System.gc();
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
