package io.stockledger.command.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Channels and quotas over real HTTP: policies are recorded, quotas ring-fence units from other channels (also
 * under a race of 32 clients from two channels), and every 2xx answer to a command says the event position to
 * read at.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:command-side-${random.uuid};DB_CLOSE_DELAY=-1")
class ChannelApiTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String DC1 = "DC1";
    static final String RECEIVED_AT = "2024-01-02T08:00:00Z";

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    int port;

    record Answer(int status, String eventPosition, JsonNode body) {
        String type() {
            return body == null ? null : body.path("type").asText(null);
        }
    }

    static String unique(String prefix) {
        return prefix + "-" + RUN + "-" + SEQUENCE.incrementAndGet();
    }

    // --- policies ------------------------------------------------------------------------------------------------

    @Test
    void canDefineAChannelAndReplaceItsPolicy() {
        String channel = unique("web");
        Answer first = put("/api/v1/channels/" + channel, policy(List.of("DC2", DC1), 5, 2, 80));

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().path("locations").toString()).isEqualTo("[\"DC1\",\"DC2\"]");
        assertThat(first.body().path("defaultSafetyStock").asLong()).isEqualTo(5);
        assertThat(first.body().path("sharePercent").asInt()).isEqualTo(80);
        assertThat(first.eventPosition()).as("read-your-writes position").isNotNull();

        Answer replaced = put("/api/v1/channels/" + channel, policy(List.of(DC1), 0, 0, 100));
        assertThat(replaced.body().path("locations").toString()).isEqualTo("[\"DC1\"]");
        assertThat(Long.parseLong(replaced.eventPosition())).isGreaterThan(Long.parseLong(first.eventPosition()));
    }

    @Test
    void definingTheSamePolicyAgainRecordsNothing() {
        String channel = unique("b2b");
        Answer first = put("/api/v1/channels/" + channel, policy(List.of(DC1), 1, 1, 50));
        Answer again = put("/api/v1/channels/" + channel, policy(List.of(DC1), 1, 1, 50));

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
    }

    @Test
    void cannotDefineAPolicyOutOfRange() {
        String channel = unique("web");
        assertThat(put("/api/v1/channels/" + channel, policy(List.of(), 0, 0, 100))
                        .status())
                .isEqualTo(400);
        assertThat(put("/api/v1/channels/" + channel, policy(List.of(DC1), -1, 0, 100))
                        .status())
                .isEqualTo(400);
        assertThat(put("/api/v1/channels/" + channel, policy(List.of(DC1), 0, 0, 101))
                        .status())
                .isEqualTo(400);
        assertThat(put("/api/v1/channels/bad%20channel", policy(List.of(DC1), 0, 0, 100))
                        .status())
                .isEqualTo(400);
        ObjectNode backordersWithoutPermission = policy(List.of(DC1), 0, 0, 100);
        backordersWithoutPermission
                .putObject("backorders")
                .put("allowed", false)
                .put("limit", 5);
        Answer refused = put("/api/v1/channels/" + channel, backordersWithoutPermission);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.type()).isEqualTo("urn:stockledger:problem:invalid-request");
    }

    @Test
    void aFormBodyIsAnUnsupportedMediaTypeEvenWhenItCannotBeDecoded() {
        String channel = unique("web");

        for (String form : List.of("locations=DC1", "%zz=%", "\u8753\ua7db=%\u8753")) {
            Answer answer = send("PUT", "/api/v1/channels/" + channel, form, "application/x-www-form-urlencoded");

            assertThat(answer.status()).as(form).isEqualTo(415);
            assertThat(answer.type()).isEqualTo("urn:stockledger:problem:unsupported-media-type");
        }
    }

    // --- quotas ------------------------------------------------------------------------------------------------

    @Test
    void aQuotaKeepsItsUnitsFromOtherChannels() {
        String sku = givenReceived(100);
        String b2b = unique("b2b");
        String web = unique("web");
        Answer granted = post("/api/v1/channels/" + b2b + "/quotas", quota(sku, 80));
        assertThat(granted.status()).isEqualTo(200);
        assertThat(granted.body().path("quota").asLong()).isEqualTo(80);

        Answer tooMuch = reserve(web, sku, 21);
        assertThat(tooMuch.status()).isEqualTo(409);
        assertThat(tooMuch.body().path("rejections").path(0).path("reason").asText())
                .isEqualTo("ring-fenced-for-other-channels");
        assertThat(tooMuch.body().path("rejections").path(0).path("available").asLong())
                .isEqualTo(20);
        assertThat(reserve(web, sku, 20).status()).isEqualTo(201);
        assertThat(reserve(b2b, sku, 80).status()).as("the quota's own channel").isEqualTo(201);
    }

    @Test
    void aChannelsOwnReservationsConsumeItsQuotaFirst() {
        String sku = givenReceived(100);
        String b2b = unique("b2b");
        String web = unique("web");
        post("/api/v1/channels/" + b2b + "/quotas", quota(sku, 30));
        assertThat(reserve(b2b, sku, 50).status()).isEqualTo(201);

        // b2b's 50 consumed its whole quota of 30 and 20 of the shared 70: 50 are left for anyone
        assertThat(reserve(web, sku, 51).status()).isEqualTo(409);
        assertThat(reserve(web, sku, 50).status()).isEqualTo(201);
    }

    @Test
    void aQuotaLargerThanAvailableFencesEverythingFromOtherChannels() {
        String sku = givenReceived(10);
        String b2b = unique("b2b");
        String web = unique("web");
        post("/api/v1/channels/" + b2b + "/quotas", quota(sku, 25));

        Answer refused = reserve(web, sku, 1);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().path("rejections").path(0).path("available").asLong())
                .isZero();
        assertThat(reserve(b2b, sku, 10).status()).isEqualTo(201);
    }

    @Test
    void quotasOfTwoChannelsBothFenceTheThird() {
        String sku = givenReceived(100);
        post("/api/v1/channels/" + unique("b2b") + "/quotas", quota(sku, 30));
        post("/api/v1/channels/" + unique("field") + "/quotas", quota(sku, 40));
        String web = unique("web");

        assertThat(reserve(web, sku, 31).status()).isEqualTo(409);
        assertThat(reserve(web, sku, 30).status()).isEqualTo(201);
    }

    @Test
    void releasingAQuotaGivesItsUnitsBackToEveryChannel() {
        String sku = givenReceived(50);
        String b2b = unique("b2b");
        String web = unique("web");
        post("/api/v1/channels/" + b2b + "/quotas", quota(sku, 50));
        assertThat(reserve(web, sku, 1).status()).isEqualTo(409);

        Answer released = post("/api/v1/channels/" + b2b + "/quota-releases", quota(sku, 20));
        assertThat(released.status()).isEqualTo(200);
        assertThat(released.body().path("quota").asLong()).isEqualTo(30);
        assertThat(reserve(web, sku, 20).status()).isEqualTo(201);
        assertThat(reserve(web, sku, 1).status()).isEqualTo(409);
    }

    @Test
    void cannotReleaseMoreQuotaThanTheChannelHolds() {
        String sku = givenReceived(50);
        String b2b = unique("b2b");
        post("/api/v1/channels/" + b2b + "/quotas", quota(sku, 5));

        Answer refused = post("/api/v1/channels/" + b2b + "/quota-releases", quota(sku, 6));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.type()).isEqualTo("urn:stockledger:problem:insufficient-quota");
        assertThat(refused.eventPosition()).isNull();
        assertThat(post("/api/v1/channels/" + b2b + "/quota-releases", quota(sku, 5))
                        .body()
                        .path("quota")
                        .asLong())
                .isZero();
    }

    @Test
    void cannotGrantAQuotaOfNothing() {
        Answer refused = post("/api/v1/channels/" + unique("b2b") + "/quotas", quota("SKU-1", 0));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.type()).isEqualTo("urn:stockledger:problem:invalid-request");
    }

    @Test
    void racingClientsOfTwoChannelsNeverSellIntoTheOthersQuota() throws Exception {
        String sku = givenReceived(100);
        String b2b = unique("b2b");
        String web = unique("web");
        post("/api/v1/channels/" + b2b + "/quotas", quota(sku, 30));
        post("/api/v1/channels/" + web + "/quotas", quota(sku, 20));
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Callable<String>> attempts = new ArrayList<>();
            for (int i = 0; i < 160; i++) {
                String channel = i % 2 == 0 ? b2b : web;
                attempts.add(() -> reserve(channel, sku, 1).status() == 201 ? channel : null);
            }
            long b2bUnits = 0;
            long webUnits = 0;
            for (Future<String> outcome : pool.invokeAll(attempts)) {
                String winner = outcome.get();
                if (b2b.equals(winner)) {
                    b2bUnits++;
                } else if (web.equals(winner)) {
                    webUnits++;
                }
            }
            assertThat(b2bUnits + webUnits).isEqualTo(100);
            assertThat(b2bUnits).as("b2b keeps its quota").isGreaterThanOrEqualTo(30);
            assertThat(webUnits).as("web keeps its quota").isGreaterThanOrEqualTo(20);
        } finally {
            pool.shutdownNow();
        }
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    static ObjectNode policy(List<String> locations, long safetyStock, long buffer, int share) {
        ObjectNode body = JSON.createObjectNode()
                .put("defaultSafetyStock", safetyStock)
                .put("buffer", buffer)
                .put("sharePercent", share);
        locations.forEach(body.putArray("locations")::add);
        return body;
    }

    static ObjectNode quota(String sku, long quantity) {
        return JSON.createObjectNode().put("sku", sku).put("location", DC1).put("quantity", quantity);
    }

    Answer reserve(String channel, String sku, long quantity) {
        ObjectNode body = JSON.createObjectNode()
                .put("reservationId", unique("R"))
                .put("channel", channel)
                .put("orderReference", "SO-1")
                .put("sourceSystem", "shop");
        body.putArray("lines").addObject().put("sku", sku).put("location", DC1).put("quantity", quantity);
        return post("/api/v1/reservations", body);
    }

    String givenReceived(long quantity) {
        String sku = unique("SKU");
        ObjectNode receipt = JSON.createObjectNode()
                .put("movementId", unique("MOV"))
                .put("sku", sku)
                .put("location", DC1)
                .put("quantity", quantity)
                .put("occurredAt", RECEIVED_AT)
                .put("sourceSystem", "wms");
        receipt.putObject("reference").put("type", "ASN").put("number", "4711");
        Answer answer = post("/api/v1/movements/receipts", receipt);
        assertThat(answer.status()).as("given a receipt: %s", answer.body()).isEqualTo(201);
        assertThat(answer.eventPosition()).isNotNull();
        return sku;
    }

    Answer put(String path, JsonNode body) {
        return send("PUT", path, body);
    }

    Answer post(String path, JsonNode body) {
        return send("POST", path, body);
    }

    Answer send(String method, String path, JsonNode body) {
        return send(method, path, body.toString(), "application/json");
    }

    Answer send(String method, String path, String body, String contentType) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, BodyPublishers.ofString(body))
                .header("Content-Type", contentType)
                .build();
        try {
            var response = http.send(request, BodyHandlers.ofString());
            JsonNode json = response.body().isEmpty() ? null : JSON.readTree(response.body());
            assertThat(response.statusCode())
                    .as("never a 5xx: %s %s answered %s", method, path, json)
                    .isLessThan(500);
            return new Answer(
                    response.statusCode(),
                    response.headers().firstValue("X-Event-Position").orElse(null),
                    json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
