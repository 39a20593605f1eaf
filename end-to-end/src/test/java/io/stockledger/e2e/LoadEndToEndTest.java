package io.stockledger.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** Many writers at once, and how fresh the query side is after each write. */
@ExtendWith(PrintLogsOnFailure.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoadEndToEndTest {

    private static final int WRITERS = 8;
    private static final int MOVEMENTS_PER_WRITER = 250;
    private static final List<String> LOCATIONS = List.of("WH-A", "WH-B", "WH-C");
    /** 1,000 by default; {@code -Dstockledger.e2e.freshness-samples=N} for a quicker (or longer) look. */
    private static final int FRESHNESS_SAMPLES = Integer.getInteger("stockledger.e2e.freshness-samples", 1_000);

    private static Ledger ledger;

    @BeforeAll
    static void startLedger() {
        ledger = Ledger.start("load");
    }

    @AfterAll
    static void stopLedger() {
        if (ledger != null) {
            ledger.close();
        }
    }

    /** A movement the command side acknowledged: its id, location and signed change of on hand. */
    private record Acknowledged(String movementId, String location, long change) {}

    /**
     * Concurrent transactions on a JDBC event store take their global index at insert and become visible at
     * commit, so a reader can see index 7 before index 6: a naive tracker would skip 6 for ever. Here the audit
     * history must hold exactly the acknowledged movements, none skipped and none twice, and per position its
     * before/after chain must be unbroken.
     */
    @Test
    @Order(2)
    void concurrentWritersLoseNothingAndDuplicateNothing() throws Exception {
        String sku = MovementRequest.newSku("E2E-LOAD");
        Set<Acknowledged> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger refused = new AtomicInteger();
        List<String> unexpected = Collections.synchronizedList(new ArrayList<>());

        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            done.add(writers.submit(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int i = 0; i < MOVEMENTS_PER_WRITER; i++) {
                    String location = LOCATIONS.get(random.nextInt(LOCATIONS.size()));
                    boolean receipt = random.nextInt(10) < 6;
                    long quantity = receipt ? 1 + random.nextInt(5) : 1 + random.nextInt(3);
                    ObjectNode body = MovementRequest.of(sku, location, quantity);
                    Http.Response answer = ledger.post(receipt ? "receipts" : "shipments", body);
                    if (answer.status() == 201) {
                        acknowledged.add(new Acknowledged(
                                body.get("movementId").asText(), location, receipt ? quantity : -quantity));
                    } else if (answer.status() >= 400 && answer.status() < 500 && !receipt) {
                        refused.incrementAndGet(); // a shipment beyond available stock
                    } else {
                        unexpected.add(answer.toString());
                    }
                }
                return null;
            }));
        }
        writers.shutdown();
        for (Future<?> writer : done) {
            writer.get();
        }
        assertThat(unexpected)
                .as("answers other than 201 or a refused shipment")
                .isEmpty();
        assertThat(acknowledged.size() + refused.get()).isEqualTo(WRITERS * MOVEMENTS_PER_WRITER);
        System.out.printf(
                "%nconcurrent writers: %d acknowledged, %d shipments refused for lack of stock%n",
                acknowledged.size(), refused.get());

        for (String location : LOCATIONS) {
            List<Acknowledged> expected = acknowledged.stream()
                    .filter(a -> a.location().equals(location))
                    .toList();
            long onHand = expected.stream().mapToLong(Acknowledged::change).sum();
            ledger.awaitPosition(sku, location, view -> view.path("onHand").asLong() == onHand);
            List<JsonNode> history = Ledger.await(
                    "the audit history of " + sku + "/" + location,
                    () -> ledger.auditEntries(Map.of("sku", sku, "location", location)),
                    entries -> entries.size() >= expected.size());

            assertThat(history)
                    .extracting(e -> e.path("movementId").asText())
                    .doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(
                            expected.stream().map(Acknowledged::movementId).toList());
            assertThat(history)
                    .extracting(e -> e.path("globalPosition").asLong())
                    .isSorted();
            for (int i = 1; i < history.size(); i++) {
                assertThat(history.get(i).path("before"))
                        .as("entry %d of %s follows entry %d", i, location, i - 1)
                        .isEqualTo(history.get(i - 1).path("after"));
            }
            JsonNode position = ledger.position(sku, location).json();
            assertThat(position.path("eventPosition").asLong())
                    .isEqualTo(history.get(history.size() - 1)
                            .path("globalPosition")
                            .asLong());
        }
        assertThat(ledger.auditEntries(Map.of("sku", sku))).hasSize(acknowledged.size());
    }

    /**
     * How long after the command side's 2xx a movement is readable on the query side. A measurement, not an
     * assertion on its numbers: it only asserts that every movement arrived.
     */
    @Test
    @Order(1)
    void measureFreshnessOfTheAuditHistory() throws IOException {
        String sku = MovementRequest.newSku("E2E-FRESH");
        long[] millis = new long[FRESHNESS_SAMPLES];
        for (int i = 0; i < FRESHNESS_SAMPLES; i++) {
            ObjectNode receipt = MovementRequest.of(sku, LOCATIONS.get(i % LOCATIONS.size()), 1);
            String movementId = receipt.get("movementId").asText();
            Http.Response answer = ledger.post("receipts", receipt);
            long acknowledgedAt = System.nanoTime();
            assertThat(answer.status()).as("%s", answer).isEqualTo(201);
            long deadline = acknowledgedAt + Ledger.FRESHNESS_TIMEOUT.toNanos();
            while (true) {
                Http.Response audit = ledger.audit(Map.of("movementId", movementId));
                if (audit.status() == 200 && audit.json().path("items").size() == 1) {
                    millis[i] = (System.nanoTime() - acknowledgedAt) / 1_000_000;
                    break;
                }
                assertThat(System.nanoTime())
                        .as("movement %s reached the audit history", movementId)
                        .isLessThan(deadline);
                sleepBriefly();
            }
        }

        Arrays.sort(millis);
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("n", FRESHNESS_SAMPLES);
        table.put("medianMs", percentile(millis, 50));
        table.put("p95Ms", percentile(millis, 95));
        table.put("p99Ms", percentile(millis, 99));
        table.put("maxMs", millis[millis.length - 1]);
        table.put("measured", "command 2xx -> entry readable at GET /api/v1/audit?movementId=, sequential receipts");
        System.out.printf(
                "%nfreshness (command 2xx -> audit entry readable), ms%n%6s %8s %6s %6s %6s%n%6d %8d %6d %6d %6d%n",
                "n",
                "median",
                "p95",
                "p99",
                "max",
                FRESHNESS_SAMPLES,
                percentile(millis, 50),
                percentile(millis, 95),
                percentile(millis, 99),
                millis[millis.length - 1]);
        Path report = Path.of(System.getProperty("stockledger.e2e.report-dir", "target"), "freshness.json");
        Files.createDirectories(report.getParent());
        Files.writeString(report, Http.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(table));
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Nearest-rank percentile of sorted values. */
    private static long percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
