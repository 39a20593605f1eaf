package io.stockledger.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Channel availability through both real processes: a change on a position reaches every channel that sells from
 * it through the server-sent-events stream, with no gap and no duplicate across a reconnect; quotas hold under a
 * race of 32 clients from two channels; backorders stay within a channel's limit under a race of 16 clients and a
 * receipt covers them; a caller reads its own writes with the command's event position.
 */
@ExtendWith(PrintLogsOnFailure.class)
class ChannelAvailabilityEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EAST = "DC-EAST";
    private static final String WEST = "DC-WEST";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static Ledger ledger;

    @BeforeAll
    static void startLedger() {
        ledger = Ledger.start("channels");
        define("web", EAST, WEST);
        define("b2b", EAST);
        define("market", WEST);
    }

    @AfterAll
    static void stopLedger() {
        if (ledger != null) {
            ledger.close();
        }
    }

    @Test
    void aChangeOnOnePositionReachesEveryChannelThatSellsFromItWithNoGapAcrossAReconnect() {
        String sku = MovementRequest.newSku("STREAM");
        String skuFilter = "?sku=" + sku;
        long lastSeen;
        try (Sse web = stream("web", skuFilter, null);
                Sse b2b = stream("b2b", skuFilter, null);
                Sse market = stream("market", skuFilter, null)) {
            receive(sku, EAST, 10);
            assertThat(web.take(1, WAIT).get(0).data().path("availableToSell").asLong())
                    .isEqualTo(10);
            assertThat(b2b.take(1, WAIT).get(0).data().path("availableToSell").asLong())
                    .isEqualTo(10);

            receive(sku, EAST, 1);
            receive(sku, EAST, 1);
            // Changes applied in one batch of the projection are published once, with the batch's result.
            List<Sse.Event> seen = web.takeUntil(e -> availableToSell(e) == 12, WAIT);
            assertThat(seen)
                    .extracting(ChannelAvailabilityEndToEndTest::availableToSell)
                    .isSubsetOf(11L, 12L)
                    .isSorted()
                    .doesNotHaveDuplicates();
            lastSeen = seen.get(seen.size() - 1).id();
            assertThat(market.drain(Duration.ofMillis(300)))
                    .as("market does not sell from " + EAST)
                    .isEmpty();
        }

        for (int i = 0; i < 5; i++) {
            receive(sku, EAST, 1);
        }
        receive(sku, WEST, 100);

        List<Sse.Event> missed;
        try (Sse resumed = stream("web", skuFilter, lastSeen)) {
            missed = resumed.takeUntil(e -> availableToSell(e) == 117, WAIT);
            assertThat(missed)
                    .extracting(ChannelAvailabilityEndToEndTest::availableToSell)
                    .isSubsetOf(13L, 14L, 15L, 16L, 17L, 117L)
                    .isSorted()
                    .endsWith(117L);
            assertThat(missed).extracting(Sse.Event::id).isSorted().allMatch(id -> id > lastSeen);
            assertThat(missed).extracting(Sse.Event::id).doesNotHaveDuplicates();
            assertThat(resumed.drain(Duration.ofMillis(500)))
                    .as("nothing twice, nothing more")
                    .isEmpty();
        }
        // No gap: the resumed stream is exactly the channel's change log after the last event seen.
        try (Sse replay = stream("web", skuFilter, 0L)) {
            List<Long> logged = replay.takeUntil(e -> availableToSell(e) == 117, WAIT).stream()
                    .map(Sse.Event::id)
                    .filter(id -> id > lastSeen)
                    .toList();
            assertThat(missed).extracting(Sse.Event::id).containsExactlyElementsOf(logged);
        }
    }

    @Test
    void quotasHoldUnderA32ClientRaceFromTwoChannels() throws Exception {
        String sku = MovementRequest.newSku("RACE");
        receive(sku, EAST, 200);
        grant("b2b", sku, EAST, 60);
        grant("web", sku, EAST, 40);

        ExecutorService pool = Executors.newFixedThreadPool(32);
        long b2bUnits = 0;
        long webUnits = 0;
        try {
            List<Callable<long[]>> clients = new ArrayList<>();
            for (int client = 0; client < 32; client++) {
                String channel = client % 2 == 0 ? "b2b" : "web";
                clients.add(() -> {
                    long units = 0;
                    for (int attempt = 0; attempt < 12; attempt++) {
                        Http.Response answer = reserve(channel, sku, EAST, 1);
                        assertThat(answer.status()).as("%s", answer).isIn(201, 409);
                        if (answer.status() == 201) {
                            units++;
                        }
                    }
                    return new long[] {channel.equals("b2b") ? units : 0, channel.equals("web") ? units : 0};
                });
            }
            for (Future<long[]> outcome : pool.invokeAll(clients)) {
                b2bUnits += outcome.get()[0];
                webUnits += outcome.get()[1];
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(b2bUnits + webUnits).as("384 attempts for 200 units").isEqualTo(200);
        assertThat(b2bUnits).as("b2b keeps its quota of 60").isGreaterThanOrEqualTo(60);
        assertThat(webUnits).as("web keeps its quota of 40").isGreaterThanOrEqualTo(40);
        JsonNode position =
                ledger.awaitPosition(sku, EAST, view -> view.path("reserved").asLong() == 200);
        assertThat(position.path("available").asLong()).isZero();
        for (String channel : List.of("web", "b2b")) {
            JsonNode availability = Ledger.await(
                    channel + " availability of " + sku,
                    () -> availability(channel, sku, Map.of()).json(),
                    json -> json.path("items").path(0).path("availableToSell").asLong() == 0);
            assertThat(availability
                            .path("items")
                            .path(0)
                            .path("locations")
                            .path(0)
                            .path("ownQuota")
                            .asLong())
                    .isZero();
        }
    }

    @Test
    void backordersStayWithinTheLimitUnderA16ClientRaceAndAReceiptCoversThem() throws Exception {
        String channel = "backorders";
        ObjectNode policy = JSON.createObjectNode();
        policy.withArray("locations").add(EAST);
        policy.putObject("backorders").put("allowed", true).put("limit", 10);
        Http.Response defined = ledger.http()
                .send(
                        "PUT",
                        ledger.commandSide().port(),
                        "/api/v1/channels/" + channel,
                        "application/json",
                        policy.toString());
        assertThat(defined.status()).as("%s", defined).isEqualTo(200);
        String sku = MovementRequest.newSku("BACKORDER");
        receive(sku, EAST, 20);

        ExecutorService pool = Executors.newFixedThreadPool(16);
        long confirmed = 0;
        try {
            List<Callable<Long>> clients = new ArrayList<>();
            for (int client = 0; client < 16; client++) {
                clients.add(() -> {
                    long units = 0;
                    for (int attempt = 0; attempt < 4; attempt++) {
                        Http.Response answer = reserve(channel, sku, EAST, 1);
                        assertThat(answer.status()).as("%s", answer).isIn(201, 409);
                        if (answer.status() == 201) {
                            units++;
                        } else {
                            assertThat(answer.json()
                                            .path("rejections")
                                            .path(0)
                                            .path("reason")
                                            .asText())
                                    .isEqualTo("backorder-limit-exceeded");
                        }
                    }
                    return units;
                });
            }
            for (Future<Long> outcome : pool.invokeAll(clients)) {
                confirmed += outcome.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(confirmed)
                .as("64 attempts for 20 units in stock and 10 backordered")
                .isEqualTo(30);
        JsonNode position = ledger.awaitPosition(
                sku,
                EAST,
                view -> view.path("reserved").asLong() == 20
                        && view.path("backordered").asLong() == 10);
        assertThat(position.path("available").asLong())
                .as("never below zero by backorders")
                .isZero();
        assertThat(position.path("onHand").asLong()).isEqualTo(20);
        JsonNode offered = Ledger.await(
                channel + " availability of " + sku,
                () -> availability(channel, sku, Map.of()).json(),
                json -> json.path("items").path(0).path("backordered").asLong() == 10);
        assertThat(offered.path("items").path(0).path("availableToSell").asLong())
                .isZero();

        receive(sku, EAST, 7);

        JsonNode covered = ledger.awaitPosition(
                sku,
                EAST,
                view -> view.path("onHand").asLong() == 27
                        && view.path("backordered").asLong() == 3);
        assertThat(covered.path("reserved").asLong())
                .as("the receipt covers backorders first")
                .isEqualTo(27);
        assertThat(covered.path("available").asLong()).isZero();
        Ledger.await(
                channel + " availability of " + sku,
                () -> availability(channel, sku, Map.of()).json(),
                json -> json.path("items").path(0).path("backordered").asLong() == 3);
    }

    @Test
    void aCallerReadsItsOwnWritesWithTheCommandsEventPosition() {
        String sku = MovementRequest.newSku("RYW");
        for (int i = 1; i <= 20; i++) {
            Http.Response receipt = receive(sku, WEST, 1);
            String position = receipt.header("X-Event-Position").orElseThrow();
            Http.Response answer = availability("market", sku, Map.of("X-Min-Event-Position", position));
            assertThat(answer.status()).as("%s", answer).isEqualTo(200);
            assertThat(answer.json()
                            .path("items")
                            .path(0)
                            .path("availableToSell")
                            .asLong())
                    .isEqualTo(i);
            assertThat(answer.json().path("eventPosition").asLong()).isGreaterThanOrEqualTo(Long.parseLong(position));
        }
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    static void define(String channel, String... locations) {
        ObjectNode policy = JSON.createObjectNode();
        for (String location : locations) {
            policy.withArray("locations").add(location);
        }
        Http.Response answer = ledger.http()
                .send(
                        "PUT",
                        ledger.commandSide().port(),
                        "/api/v1/channels/" + channel,
                        "application/json",
                        policy.toString());
        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
    }

    static void grant(String channel, String sku, String location, long quantity) {
        ObjectNode quota = JSON.createObjectNode()
                .put("sku", sku)
                .put("location", location)
                .put("quantity", quantity);
        Http.Response answer = ledger.http()
                .post(ledger.commandSide().port(), "/api/v1/channels/" + channel + "/quotas", quota, Map.of());
        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
    }

    static Http.Response receive(String sku, String location, long quantity) {
        Http.Response answer = ledger.post("receipts", MovementRequest.of(sku, location, quantity));
        assertThat(answer.status()).as("%s", answer).isEqualTo(201);
        return answer;
    }

    static Http.Response reserve(String channel, String sku, String location, long quantity) {
        ObjectNode body = JSON.createObjectNode()
                .put("reservationId", MovementRequest.newId())
                .put("channel", channel)
                .put("orderReference", "SO-1")
                .put("sourceSystem", "shop");
        body.putArray("lines")
                .addObject()
                .put("sku", sku)
                .put("location", location)
                .put("quantity", quantity);
        return ledger.http().post(ledger.commandSide().port(), "/api/v1/reservations", body, Map.of());
    }

    static Http.Response availability(String channel, String sku, Map<String, String> headers) {
        return ledger.http()
                .get(ledger.querySide().port(), "/api/v1/channels/" + channel + "/availability?sku=" + sku, headers);
    }

    private static long availableToSell(Sse.Event event) {
        return event.data().path("availableToSell").asLong();
    }

    static Sse stream(String channel, String query, Long lastEventId) {
        return Sse.connect(
                ledger.querySide().port(), "/api/v1/channels/" + channel + "/availability/stream" + query, lastEventId);
    }
}
