package io.stockledger.query.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Principal;
import io.stockledger.api.finance.PeriodClosed;
import io.stockledger.query.EventsDatabase;
import io.stockledger.query.Ledger;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Rebuilds and verifications of the projections over a generated history in a real event log, while more events
 * keep arriving, as an operator runs them through the API.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProjectionRebuildTest {

    private static final Path DATA = EventsDatabase.temporaryDataDirectory("stockledger-rebuild");
    private static final EventsDatabase EVENTS = new EventsDatabase(DATA);
    private static final History HISTORY = new History(42, 12, 3);

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry properties) {
        properties.add("stockledger.data-dir", DATA::toString);
    }

    @BeforeAll
    static void generatedHistory() throws Exception {
        try (Connection events = EVENTS.dataSource().getConnection()) {
            EVENTS.createTables(events);
        }
        for (int i = 0; i < 4; i++) {
            EVENTS.append(HISTORY.next(100));
        }
    }

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcClient projections;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    Rebuilds rebuilds;

    @Test
    @Order(1)
    void everyProjectionRebuildsWhileEventsKeepArrivingSwitchesOverAndEqualsTheLiveOne() throws Exception {
        awaitCaughtUp();
        PositionId watched = HISTORY.positions().get(0);
        String watchedUrl = "/api/v1/positions/" + watched.sku().value() + "/"
                + watched.location().value();
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Throwable> failures = new ArrayList<>();
        Thread writer = new Thread(() -> {
            try {
                while (writing.get()) {
                    EVENTS.append(HISTORY.next(2));
                    Thread.sleep(250);
                }
            } catch (Throwable e) {
                failures.add(e);
            }
        });
        List<Integer> readerStatuses = new ArrayList<>();
        AtomicBoolean reading = new AtomicBoolean(true);
        Thread reader = new Thread(() -> {
            while (reading.get()) {
                readerStatuses.add(http.getForEntity(watchedUrl, String.class)
                        .getStatusCode()
                        .value());
                readerStatuses.add(
                        http.getForObject("/api/v1/positions?limit=1000", JsonNode.class)
                                                .path("items")
                                                .size()
                                        == HISTORY.positions().size()
                                ? 200
                                : -1);
            }
        });
        writer.start();
        reader.start();
        try {
            for (String projection :
                    ProjectionCatalog.PROJECTIONS.keySet().stream().sorted().toList()) {
                ResponseEntity<JsonNode> started =
                        http.postForEntity("/api/v1/projections/" + projection + "/rebuilds", null, JsonNode.class);
                assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
                URI location = started.getHeaders().getLocation();
                assertThat(location.toString())
                        .startsWith("/api/v1/projections/" + projection + "/rebuilds/")
                        .endsWith(started.getBody().path("id").asText());
                JsonNode done = awaitFinished(location.toString());
                assertThat(done.path("state").asText())
                        .as(projection + ": " + done)
                        .isEqualTo("done");
                assertThat(done.path("differingRows").asLong())
                        .as(projection + ": " + done)
                        .isZero();
                assertThat(done.path("newChecksum").asText())
                        .isEqualTo(done.path("oldChecksum").asText());
                assertThat(done.path("eventsDone").asLong())
                        .isEqualTo(done.path("position").asLong() + 1);
                assertThat(done.path("rate").asDouble()).isPositive();
            }
        } finally {
            writing.set(false);
            writer.join();
            reading.set(false);
            reader.join();
        }
        assertThat(failures).isEmpty();
        assertThat(readerStatuses).isNotEmpty().containsOnly(200);
        assertThat(projections
                        .sql("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SCHEMATA WHERE SCHEMA_NAME LIKE 'REBUILD%'")
                        .query(Long.class)
                        .single())
                .isZero();

        awaitCaughtUp();
        for (String projection : ProjectionCatalog.PROJECTIONS.keySet()) {
            JsonNode verified = verify(projection);
            assertThat(verified.path("differingRows").asLong())
                    .as(projection + ": " + verified)
                    .isZero();
            assertThat(http.getForObject("/api/v1/projections/" + projection + "/checksum", JsonNode.class)
                            .path("sha256")
                            .asText())
                    .isEqualTo(verified.path("newChecksum").asText());
        }
    }

    @Test
    @Order(2)
    void aDriftedRowIsReportedRowByRowAndARebuildRepairsIt() {
        awaitCaughtUp();
        PositionId drifted = HISTORY.positions().get(1);
        long onHand = projections
                .sql("SELECT on_hand FROM stock_position WHERE sku = ? AND location = ?")
                .params(drifted.sku().value(), drifted.location().value())
                .query(Long.class)
                .single();
        String before = http.getForObject("/api/v1/projections/positions/checksum", JsonNode.class)
                .path("sha256")
                .asText();
        projections
                .sql("UPDATE stock_position SET on_hand = on_hand + 5 WHERE sku = ? AND location = ?")
                .params(drifted.sku().value(), drifted.location().value())
                .update();
        assertThat(http.getForObject("/api/v1/projections/positions/checksum", JsonNode.class)
                        .path("sha256")
                        .asText())
                .isNotEqualTo(before);

        JsonNode verified = verify("positions");
        assertThat(verified.path("differingRows").asLong()).isEqualTo(1);
        assertThat(verified.path("newChecksum").asText()).isEqualTo(before);
        JsonNode difference = verified.path("differences").get(0);
        assertThat(difference.path("table").asText()).isEqualTo("stock_position");
        assertThat(difference.path("key").path("sku").asText())
                .isEqualTo(drifted.sku().value());
        assertThat(difference.path("key").path("location").asText())
                .isEqualTo(drifted.location().value());
        assertThat(difference.path("column").asText()).isEqualTo("on_hand");
        assertThat(difference.path("oldValue").asText()).isEqualTo(String.valueOf(onHand + 5));
        assertThat(difference.path("newValue").asText()).isEqualTo(String.valueOf(onHand));
        // A verification reports; it leaves the live projection as it is.
        assertThat(http.getForObject("/api/v1/projections/positions/checksum", JsonNode.class)
                        .path("sha256")
                        .asText())
                .isNotEqualTo(before);

        ResponseEntity<JsonNode> rebuild =
                http.postForEntity("/api/v1/projections/positions/rebuilds", null, JsonNode.class);
        JsonNode rebuilt = awaitFinished(rebuild.getHeaders().getLocation().toString());
        assertThat(rebuilt.path("differingRows").asLong()).isEqualTo(1);
        assertThat(rebuilt.path("differences").get(0).path("column").asText()).isEqualTo("on_hand");
        assertThat(http.getForObject("/api/v1/projections/positions/checksum", JsonNode.class)
                        .path("sha256")
                        .asText())
                .isEqualTo(before);
    }

    @Test
    @Order(3)
    void refusesAnUnknownProjectionARunningRebuildAndAnUnknownRebuild() {
        for (String path : List.of("/api/v1/projections/nope/rebuilds", "/api/v1/projections/nope/verifications")) {
            ResponseEntity<JsonNode> unknown = http.postForEntity(path, null, JsonNode.class);
            assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(unknown.getBody().path("type").asText())
                    .isEqualTo("urn:stockledger:problem:projection-not-found");
        }
        assertThat(http.getForEntity("/api/v1/projections/nope/checksum", JsonNode.class)
                        .getBody()
                        .path("type")
                        .asText())
                .isEqualTo("urn:stockledger:problem:projection-not-found");
        assertThat(http.getForEntity("/api/v1/projections/audit/rebuilds/no-such-id", JsonNode.class)
                        .getBody()
                        .path("type")
                        .asText())
                .isEqualTo("urn:stockledger:problem:rebuild-not-found");

        ResponseEntity<JsonNode> first = http.postForEntity("/api/v1/projections/audit/rebuilds", null, JsonNode.class);
        ResponseEntity<JsonNode> second =
                http.postForEntity("/api/v1/projections/audit/verifications", null, JsonNode.class);
        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(second.getBody().path("type").asText()).isEqualTo("urn:stockledger:problem:rebuild-already-running");
        assertThat(second.getBody().path("detail").asText())
                .contains(first.getBody().path("id").asText());
        assertThat(awaitFinished(first.getHeaders().getLocation().toString())
                        .path("state")
                        .asText())
                .isEqualTo("done");
        List<String> listed = new ArrayList<>();
        http.getForObject("/api/v1/projections", JsonNode.class)
                .forEach(projection -> listed.add(projection.path("projection").asText()));
        assertThat(listed)
                .containsExactly(
                        "audit", "audit-chain", "channel-availability", "finance", "positions", "reservations");
    }

    @Test
    @Order(4)
    void aRebuildBesideAStoppedLiveProjectionFailsWithItsReasonAndChangesNothing() {
        TrackingEventProcessor live = processing
                .eventProcessor("finance", TrackingEventProcessor.class)
                .orElseThrow();
        String before = http.getForObject("/api/v1/projections/finance/checksum", JsonNode.class)
                .path("sha256")
                .asText();
        live.shutDown();
        try {
            ResponseEntity<JsonNode> started =
                    http.postForEntity("/api/v1/projections/finance/rebuilds", null, JsonNode.class);
            assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
            JsonNode done = awaitFinished(started.getHeaders().getLocation().toString(), Duration.ofSeconds(30));
            assertThat(done.path("state").asText()).isEqualTo("failed");
            assertThat(done.path("failure").asText())
                    .contains("live processor of finance is not running")
                    .contains("start it, then rebuild again");
            assertThat(http.getForObject("/api/v1/projections/finance/checksum", JsonNode.class)
                            .path("sha256")
                            .asText())
                    .isEqualTo(before);
        } finally {
            live.start();
        }
    }

    @Test
    @Order(5)
    void anAppendThatCommitsLateReachingTheReplayFirstIsAwaitedNotReportedAsADifference() throws Exception {
        awaitCaughtUp();
        // Recorded now: the event store keeps a gap only for events younger than its gap timeout (a minute).
        Ledger ledger = new Ledger().recordedAfter(Instant.now());
        PositionId late = Ledger.position("SKU-LATE", "LOC-0");
        PositionId after = Ledger.position("SKU-AFTER", "LOC-0");
        String shadow = ProjectionCatalog.of("positions").orElseThrow().shadowSchema();
        AtomicBoolean committed = new AtomicBoolean();
        try (Connection held = EVENTS.dataSource().getConnection()) {
            held.setAutoCommit(false);
            // The late event takes its position in the log now and commits only once the live processor has stopped
            // for the switch-over: the live processor has read past it (a gap), the replay then reads it.
            EVENTS.append(
                    new SingleConnectionDataSource(held, true),
                    ledger.receive(late, "M-LATE", "2026-06-01T00:00:00Z", 7));
            EVENTS.append(ledger.receive(after, "M-AFTER", "2026-06-01T00:00:01Z", 3));
            await().atMost(Duration.ofMinutes(1)).until(() -> onHand("stock_position", after) == 3);
            rebuilds.liveStopped = projection -> {
                if (committed.compareAndSet(false, true)) {
                    try {
                        held.commit();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    await().atMost(Duration.ofMinutes(1))
                            .until(() -> onHand("\"" + shadow + "\".stock_position", late) == 7);
                }
            };

            JsonNode verified = verify("positions");

            assertThat(committed).isTrue();
            assertThat(verified.path("differingRows").asLong())
                    .as("%s", verified)
                    .isZero();
        } finally {
            rebuilds.liveStopped = projection -> {};
        }
        await().atMost(Duration.ofMinutes(1)).until(() -> onHand("stock_position", late) == 7);
    }

    @Test
    @Order(6)
    void theHashChainLinksALateCommittedAppendInLogOrderSoAReplayBuildsTheSameChain() throws Exception {
        awaitCaughtUp();
        Ledger ledger = new Ledger().recordedAfter(Instant.now());
        TrackedEventMessage<?> late =
                ledger.receive(Ledger.position("SKU-CHAIN-LATE", "LOC-0"), "M-CL", "2026-06-02T00:00:00Z", 2);
        TrackedEventMessage<?> after =
                ledger.receive(Ledger.position("SKU-CHAIN-AFTER", "LOC-0"), "M-CA", "2026-06-02T00:00:01Z", 4);
        // The close of a period, sealed with its own link, which the late event moves.
        TrackedEventMessage<?> next = new GenericTrackedDomainEventMessage<>(
                new GlobalSequenceTrackingToken(0),
                new GenericDomainEventMessage<>(
                        "LedgerCalendar",
                        "ledger",
                        0,
                        new PeriodClosed(
                                "ledger", YearMonth.parse("2026-05"), Principal.of("controller"), Instant.now())));
        try (Connection held = EVENTS.dataSource().getConnection()) {
            held.setAutoCommit(false);
            EVENTS.append(new SingleConnectionDataSource(held, true), late);
            EVENTS.append(after, next);
            await().atMost(Duration.ofMinutes(1)).until(() -> chainPosition(next) > 0);
            held.commit();
        }
        await().atMost(Duration.ofMinutes(1)).until(() -> chainPosition(late) > 0);

        // Delivered after two later events, linked before them.
        assertThat(chainPosition(late)).isLessThan(chainPosition(after));
        assertThat(chainPosition(after)).isLessThan(chainPosition(next));
        assertThat(projections
                        .sql("SELECT global_index FROM audit_chain ORDER BY chain_seq")
                        .query(Long.class)
                        .list())
                .isSorted();
        assertThat(http.getForObject("/api/v1/audit/chain/verification", JsonNode.class)
                        .path("intact")
                        .asBoolean())
                .isTrue();
        // The seal follows its link (the verification below also checks the seal's link against the chain).
        assertThat(projections
                        .sql("SELECT chain_seq FROM audit_chain_seal WHERE period = '2026-05'")
                        .query(Long.class)
                        .single())
                .isEqualTo(chainPosition(next));
        JsonNode verified = verify("audit-chain");
        assertThat(verified.path("differingRows").asLong()).as("%s", verified).isZero();
    }

    /** Where an event sits in the hash chain; 0 while it is not linked. */
    private long chainPosition(TrackedEventMessage<?> event) {
        return projections
                .sql("SELECT chain_seq FROM audit_chain WHERE event_id = ?")
                .param(event.getIdentifier())
                .query(Long.class)
                .optional()
                .orElse(0L);
    }

    /** The on-hand quantity of a position in a table; -1 where it has no row. */
    private long onHand(String table, PositionId position) {
        return projections
                .sql("SELECT on_hand FROM " + table + " WHERE sku = ? AND location = ?")
                .params(position.sku().value(), position.location().value())
                .query(Long.class)
                .optional()
                .orElse(-1L);
    }

    private JsonNode verify(String projection) {
        ResponseEntity<JsonNode> started =
                http.postForEntity("/api/v1/projections/" + projection + "/verifications", null, JsonNode.class);
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        JsonNode done = awaitFinished(started.getHeaders().getLocation().toString());
        assertThat(done.path("state").asText()).as(projection + ": " + done).isEqualTo("done");
        return done;
    }

    private JsonNode awaitFinished(String location) {
        return awaitFinished(location, Duration.ofMinutes(10));
    }

    private JsonNode awaitFinished(String location, Duration timeout) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
            last[0] = http.getForObject(location, JsonNode.class);
            String state = last[0].path("state").asText();
            return state.equals("done") || state.equals("failed");
        });
        return last[0];
    }

    private void awaitCaughtUp() {
        await().atMost(Duration.ofMinutes(5)).untilAsserted(() -> {
            JsonNode projections = http.getForObject("/actuator/health", JsonNode.class)
                    .at("/components/eventLog/details/projections");
            assertThat(projections.size()).isEqualTo(6);
            projections.forEach(status -> assertThat(status.path("lag").asLong(-1))
                    .as("%s", projections)
                    .isZero());
        });
    }
}
