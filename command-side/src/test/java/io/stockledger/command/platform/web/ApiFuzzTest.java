package io.stockledger.command.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stockledger.command.CommandSideApplication;
import io.stockledger.security.test.ApiFuzzer;
import io.stockledger.security.test.ApiFuzzer.Fuzzed;
import io.stockledger.security.test.Fuzz;
import io.stockledger.security.test.HostileRequests;
import io.stockledger.security.test.HostileRequests.Hostile;
import io.stockledger.security.test.TestCredentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Generated malformed and hostile requests to every endpoint of the command side (path values, query parameters,
 * headers, credentials and bodies): none is answered with a 5xx, and none that is refused writes an event. Bulk
 * requests get bodies of their own, envelopes of generated items: every item is answered, none with a 5xx.
 */
class ApiFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static ConfigurableApplicationContext context;
    private static ApiFuzzer fuzzer;
    private static JdbcTemplate jdbc;
    private static int port;

    @BeforeContainer
    static void startTheCommandSide() throws Exception {
        context = new SpringApplicationBuilder(CommandSideApplication.class)
                // arguments, not default properties: application.yml would override those
                .run(
                        "--server.port=0",
                        "--spring.main.banner-mode=off",
                        "--logging.level.root=ERROR",
                        "--spring.datasource.url=jdbc:h2:mem:fuzz-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                        "--stockledger.data-dir=" + Files.createTempDirectory("fuzz"));
        fuzzer = ApiFuzzer.of(context, endpoint -> true);
        jdbc = context.getBean(JdbcTemplate.class);
        port = ((ServletWebServerApplicationContext) context).getWebServer().getPort();
        givenALedgerWithAnEvent();
    }

    @AfterContainer
    static void stopTheCommandSide() {
        if (context != null) {
            context.close();
        }
    }

    @Property(tries = 5000, shrinking = ShrinkingMode.OFF)
    void noRequestIsAnswered5xxAndNoRefusedOneWritesAnEvent(@ForAll("requests") Fuzzed request) throws Exception {
        fuzzer.check(request, () -> jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class));
    }

    @Example
    void requestsRefusedBeforeTheyReachTheApiAreProblemsToo() throws Exception {
        long eventsBefore = events();

        for (Hostile request : HostileRequests.against(
                "/api/v1/movements", "/api/v1/movements/receipts", TestCredentials.basic(TestCredentials.CLIENT))) {
            HostileRequests.assertProblem(request, HostileRequests.send(port, request));
        }

        assertThat(events()).isEqualTo(eventsBefore);
    }

    @Provide
    Arbitrary<Fuzzed> requests() {
        return fuzzer.requests(TestCredentials.basic(TestCredentials.CLIENT));
    }

    @Property(tries = 300, shrinking = ShrinkingMode.OFF)
    void everyItemOfABulkRequestIsAnsweredAndNoneWith5xx(@ForAll("bulkBodies") BulkBody request) throws Exception {
        long eventsBefore = events();

        HttpResponse<String> answer = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + request.path()))
                        .header("Authorization", TestCredentials.basic(TestCredentials.CLIENT))
                        .header("Content-Type", "application/json")
                        .POST(BodyPublishers.ofString(request.body()))
                        .build(),
                BodyHandlers.ofString());

        String said = answer.body();
        assertThat(answer.statusCode()).as("%s answered %s", request, said).isIn(200, 400);
        if (answer.statusCode() != 200) {
            assertThat(events()).as("written after %s", request).isEqualTo(eventsBefore);
            return;
        }
        JsonNode items = JSON.readTree(said).path("items");
        assertThat(items).as("%s answered %s", request, said).hasSize(request.items());
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            assertThat(item.path("status").asInt())
                    .as("item %d of %s: %s", i, request, item)
                    .isBetween(200, 499);
            if (item.path("status").asInt() >= 400) {
                assertThat(item.path("problem").path("index").asInt()).isEqualTo(i);
                assertThat(item.path("problem").path("type").asText()).startsWith("urn:stockledger:problem:");
            }
        }
        if (request.path().endsWith("movements/bulk")
                && JSON.readTree(said).path("recorded").asInt() == 0) {
            assertThat(events()).as("written after %s", request).isEqualTo(eventsBefore);
        }
    }

    /** A bulk request: where it goes, how many items its envelope holds, and the body. */
    record BulkBody(String path, int items, String body) {

        @Override
        public String toString() {
            return "POST " + path + " " + (body.length() > 1500 ? body.substring(0, 1500) + "…" : body);
        }
    }

    @Provide
    Arbitrary<BulkBody> bulkBodies() {
        Arbitrary<String> movementItems = item(
                "kind",
                Arbitraries.of(
                        "receipts",
                        "shipments",
                        "adjustments",
                        "counts",
                        "quarantines",
                        "quarantine-releases",
                        "damages",
                        "write-offs",
                        "transfers-out",
                        "transfers-in",
                        "returns",
                        "short-picks",
                        "pallets",
                        ""));
        Arbitrary<String> reservationItems =
                item("action", Arbitraries.of("place", "release", "fulfil", "extend", "hold", ""));
        return Arbitraries.oneOf(
                movementItems.list().ofMinSize(1).ofMaxSize(20).map(items -> bulk("/api/v1/movements/bulk", items)),
                reservationItems
                        .list()
                        .ofMinSize(1)
                        .ofMaxSize(20)
                        .map(items -> bulk("/api/v1/reservations/bulk", items)));
    }

    /** An item: a generated body (mostly the template, one field changed) with or without its routing. */
    private static Arbitrary<String> item(String routing, Arbitrary<String> choices) {
        Arbitrary<String> reservationId = Arbitraries.oneOf(
                Arbitraries.just(""),
                Arbitraries.of("R-fuzz-1", "R-fuzz-2").map(id -> "\"reservationId\":\"" + id + "\","),
                Fuzz.json().map(value -> "\"reservationId\":" + value + ","));
        Arbitrary<String> body = Arbitraries.frequencyOf(Tuple.of(4, Fuzz.mutatedTemplate()), Tuple.of(1, Fuzz.json()));
        return Combinators.combine(
                        choices, reservationId, body, Arbitraries.integers().between(0, 9))
                .as((choice, id, generated, omit) -> {
                    if (!generated.startsWith("{") || omit == 0) {
                        return generated;
                    }
                    String routed = "{\"" + routing + "\":\"" + choice + "\"," + id;
                    return generated.equals("{}")
                            ? routed.substring(0, routed.length() - 1) + "}"
                            : routed + generated.substring(1);
                });
    }

    private static BulkBody bulk(String path, List<String> items) {
        return new BulkBody(path, items.size(), "{\"items\":[" + String.join(",", items) + "]}");
    }

    /**
     * A bulk request whose items are all refused is answered 200 with the head of the event log as its position,
     * which an empty event store does not have yet (EventPositions answers a 500 there); every ledger in use has one.
     */
    private static void givenALedgerWithAnEvent() throws Exception {
        String receipt =
                """
                {"items":[{"kind":"receipts","movementId":"fuzz-seed-%s","sku":"SKU-SEED","location":"WH-AMS",
                 "quantity":1,"occurredAt":"%s","sourceSystem":"WMS","reference":{"type":"PO","number":"PO-1"}}]}"""
                        .formatted(UUID.randomUUID(), Instant.now());
        HttpResponse<String> answer = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/movements/bulk"))
                        .header("Authorization", TestCredentials.basic(TestCredentials.CLIENT))
                        .header("Content-Type", "application/json")
                        .POST(BodyPublishers.ofString(receipt))
                        .build(),
                BodyHandlers.ofString());
        assertThat(events()).as("events after %s", answer.body()).isPositive();
    }

    private static long events() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);
    }
}
