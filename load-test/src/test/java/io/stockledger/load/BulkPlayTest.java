package io.stockledger.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The distributor day's bulk mode against a small stand-in for the command side's bulk endpoints that keeps on hand
 * and reserved per position and answers each item as the ledger's rules would: what the Book expects must be what
 * that ledger holds, every count's expected figure must match it (a count sent while its position moved would not),
 * no movement may be dated before a count of its position recorded earlier (the ledger's count absorbs it), and
 * nothing a client sends may need an answer from its own request.
 */
class BulkPlayTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeLedger fake = new FakeLedger();
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", fake::handle);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @ParameterizedTest(name = "up to {0} per request")
    @ValueSource(ints = {1, 10})
    void bulkClientsKeepTheBookExactlyAsTheLedgerHoldsItWithCountsOnFrozenPositions(int bulkSize) throws Exception {
        DistributorDay day = new DistributorDay();
        day.skus = 6;
        day.locations = 2;
        day.channels = 2;
        day.countEvery = 5;
        day.transferEvery = 7;
        day.shortPickPercent = 30;
        day.name("T1");
        Book book = new Book();
        for (String position : day.positions()) {
            book.receive(position, 50);
            fake.onHand.put(position, 50L);
        }
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        LedgerClient ledger = new LedgerClient(List.of(uri), List.of(uri), null, "test", JSON, 4);
        Stats stats = new Stats();
        Stats requests = new Stats();
        AtomicLong issued = new AtomicLong();
        AtomicLong ids = new AtomicLong();
        long lines = 400;

        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> running = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < 4; c++) {
            running.add(clients.submit(() -> {
                new BulkPlay(day, ledger, stats, requests, book, bulkSize, ids)
                        .client(issued, lines, 0, start, Long.MAX_VALUE);
                return null;
            }));
        }
        for (Future<?> client : running) {
            client.get();
        }
        clients.shutdown();

        Map<String, String> errors = new HashMap<>();
        stats.all().forEach((name, operation) -> {
            if (operation.errors.sum() > 0) {
                errors.put(name, operation.reasons.toString());
            }
        });
        assertThat(errors).as("operations with errors").isEmpty();
        assertThat(fake.failure.get())
                .as("what the stand-in ledger found wrong")
                .isNull();
        assertThat(stats.all().keySet())
                .contains(
                        "reserve-single",
                        "reserve-multi",
                        "fulfil",
                        "release",
                        "count",
                        "short-pick",
                        "release-short",
                        "transfer-out",
                        "transfer-in",
                        "replenishment",
                        "return");
        assertThat(stats.of("count").ok.sum()).isGreaterThan(40);
        assertThat(stats.of("transfer-in").ok.sum()).isPositive();
        for (String position : day.positions()) {
            assertThat(book.onHand(position)).as("on hand of " + position).isEqualTo(fake.onHand.get(position));
        }
        Map<String, Long> reserved = book.expectedReserved();
        for (String position : day.positions()) {
            assertThat(reserved.getOrDefault(position, 0L))
                    .as("reserved at " + position + " by reservations not left to expire")
                    .isEqualTo(fake.reservedNotExpiring(position));
        }
        long confirmed = stats.of("reserve-single").ok.sum()
                + stats.of("reserve-multi").ok.sum()
                + stats.of("reserve-to-expire").ok.sum();
        assertThat(stats.confirmedLines.sum()).isGreaterThanOrEqualTo(confirmed);
        assertThat(requests.of(BulkPlay.RESERVATIONS_REQUESTS).ok.sum()).isPositive();
        assertThat(fake.largestRequest.get()).isLessThanOrEqualTo(bulkSize);
        long items = requests.of(BulkPlay.RESERVATIONS_REQUESTS).items.sum()
                + requests.of(BulkPlay.MOVEMENTS_REQUESTS).items.sum();
        long operations =
                stats.all().values().stream().mapToLong(Stats.Operation::count).sum();
        // a transfer's receipt booked again is one operation in several requests
        assertThat(items).isGreaterThanOrEqualTo(operations);
    }

    /** On hand and reserved per position, reservations by id; the bulk endpoints, applying items in order. */
    private static final class FakeLedger {
        final Map<String, Long> onHand = new HashMap<>();
        final Map<String, Long> reserved = new HashMap<>();
        final Map<String, Map<String, Long>> reservations = new HashMap<>();
        final Set<String> expiring = new HashSet<>();
        final Set<String> transfersOut = new HashSet<>();
        final Set<String> transfersTried = new HashSet<>();
        final Set<String> seenInRequest = new HashSet<>();
        /** Per position, the business time of its latest count. */
        final Map<String, Instant> countedAt = new HashMap<>();

        final AtomicReference<String> failure = new AtomicReference<>();
        final AtomicLong largestRequest = new AtomicLong();

        void handle(HttpExchange exchange) throws IOException {
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            ObjectNode answer = JSON.createObjectNode();
            String path = exchange.getRequestURI().getPath();
            synchronized (this) {
                largestRequest.accumulateAndGet(request.path("items").size(), Math::max);
                ArrayNode items = answer.putArray("items");
                seenInRequest.clear();
                for (JsonNode item : request.path("items")) {
                    items.add(
                            path.equals(Bulk.MOVEMENTS)
                                    ? movement(item)
                                    : path.equals(Bulk.RESERVATIONS) ? reservation(item) : problem(404, "not-found"));
                }
            }
            byte[] bytes = JSON.writeValueAsBytes(answer);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(path.endsWith("/bulk") ? 200 : 404, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        }

        private JsonNode movement(JsonNode item) {
            String position =
                    item.path("sku").asText() + "@" + item.path("location").asText();
            long quantity = item.path("quantity").asLong();
            Instant occurredAt = Instant.parse(item.path("occurredAt").asText());
            Instant count = countedAt.get(position);
            if (count != null && occurredAt.isBefore(count)) {
                // the ledger's rule: a count absorbs a movement dated before it, so on hand would not change
                failure.compareAndSet(
                        null,
                        "movement " + item.path("movementId").asText() + " dated " + occurredAt
                                + ", before the count of " + position + " at " + count + " that was recorded first");
            }
            switch (item.path("kind").asText()) {
                case "receipts", "returns" -> onHand.merge(position, quantity, Long::sum);
                case "short-picks" -> onHand.merge(position, -quantity, Long::sum);
                case "transfers-out" -> {
                    if (available(position) < quantity) {
                        return problem(409, "insufficient-available-stock");
                    }
                    onHand.merge(position, -quantity, Long::sum);
                    transfersOut.add(item.path("movementId").asText());
                }
                case "transfers-in" -> {
                    String transfer = item.path("transferId").asText();
                    if (!transfersOut.contains(transfer)) {
                        failure.compareAndSet(null, "a transfer's receipt came with its transfer out: " + item);
                    }
                    // the ledger puts the units in transit after the transfer out's answer: the first try is early
                    if (transfersTried.add(transfer)) {
                        return problem(409, "transfer-not-in-transit");
                    }
                    onHand.merge(position, quantity, Long::sum);
                }
                case "counts" -> {
                    long expected = item.path("expectedOnHand").asLong();
                    if (expected != onHand.get(position)) {
                        failure.compareAndSet(
                                null,
                                "count of " + position + " expected " + expected + ", on hand " + onHand.get(position));
                        return problem(409, "unexpected-on-hand");
                    }
                    onHand.put(position, quantity);
                    countedAt.put(position, occurredAt);
                }
                default -> {
                    return problem(400, "unknown-kind");
                }
            }
            ObjectNode answer = JSON.createObjectNode().put("status", 201);
            answer.putObject("movement")
                    .put("movementId", item.path("movementId").asText());
            return answer;
        }

        private JsonNode reservation(JsonNode item) {
            String id = item.path("reservationId").asText();
            if (!seenInRequest.add(id)) {
                failure.compareAndSet(null, "reservation " + id + " twice in one request");
            }
            switch (item.path("action").asText()) {
                case "place" -> {
                    Map<String, Long> lines = lines(item);
                    for (Map.Entry<String, Long> line : lines.entrySet()) {
                        if (available(line.getKey()) < line.getValue()) {
                            return problem(409, "reservation-rejected");
                        }
                    }
                    lines.forEach((position, units) -> reserved.merge(position, units, Long::sum));
                    reservations.put(id, lines);
                    if (item.path("ttlSeconds").asLong() == Workload.SHORT_TTL_SECONDS) {
                        expiring.add(id);
                    }
                    return answer(201, id, "CONFIRMED");
                }
                case "release" -> {
                    Map<String, Long> held = reservations.get(id);
                    if (held == null) {
                        failure.compareAndSet(null, "release of " + id + " before its confirmation");
                        return problem(404, "reservation-not-found");
                    }
                    Map<String, Long> lines = item.has("lines") ? lines(item) : Map.copyOf(held);
                    lines.forEach((position, units) -> {
                        held.merge(position, -units, Long::sum);
                        reserved.merge(position, -units, Long::sum);
                    });
                    return answer(200, id, "RELEASED");
                }
                case "fulfil" -> {
                    Map<String, Long> held = reservations.get(id);
                    if (held == null) {
                        failure.compareAndSet(null, "fulfilment of " + id + " before its confirmation");
                        return problem(404, "reservation-not-found");
                    }
                    held.forEach((position, units) -> {
                        onHand.merge(position, -units, Long::sum);
                        reserved.merge(position, -units, Long::sum);
                    });
                    held.replaceAll((position, units) -> 0L);
                    return answer(200, id, "FULFILLED");
                }
                default -> {
                    return problem(400, "unknown-action");
                }
            }
        }

        private long available(String position) {
            return onHand.getOrDefault(position, 0L) - reserved.getOrDefault(position, 0L);
        }

        synchronized long reservedNotExpiring(String position) {
            long units = 0;
            for (Map.Entry<String, Map<String, Long>> reservation : reservations.entrySet()) {
                if (!expiring.contains(reservation.getKey())) {
                    units += reservation.getValue().getOrDefault(position, 0L);
                }
            }
            return units;
        }

        private static Map<String, Long> lines(JsonNode item) {
            Map<String, Long> lines = new HashMap<>();
            for (JsonNode line : item.path("lines")) {
                lines.merge(
                        line.path("sku").asText() + "@" + line.path("location").asText(),
                        line.path("quantity").asLong(),
                        Long::sum);
            }
            return lines;
        }

        private JsonNode answer(int status, String id, String state) {
            ObjectNode answer = JSON.createObjectNode().put("status", status);
            ObjectNode reservation = answer.putObject("reservation");
            reservation.put("reservationId", id).put("status", state);
            ArrayNode lines = reservation.putArray("lines");
            reservations.get(id).forEach((position, units) -> lines.addObject()
                    .put("sku", position.substring(0, position.indexOf('@')))
                    .put("location", position.substring(position.indexOf('@') + 1))
                    .put("reserved", units));
            return answer;
        }

        private static JsonNode problem(int status, String slug) {
            ObjectNode answer = JSON.createObjectNode().put("status", status);
            answer.putObject("problem").put("type", "urn:stockledger:problem:" + slug);
            return answer;
        }
    }
}
