package io.stockledger.command.stock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stockledger.api.common.PositionId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The command side on a random port with an in-memory event store, spoken to over real HTTP. Every test works on
 * positions and movement ids of its own, so tests share one application context and one store.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:command-side-${random.uuid};DB_CLOSE_DELAY=-1")
abstract class MovementApiTestSupport {

    static final String OCCURRED_AT = "2026-11-20T09:00:00Z";
    static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    int port;

    @Autowired
    EventStore eventStore;

    /** What the API answered: status, headers and the body as JSON (null when there is none). */
    record Answer(int status, HttpHeaders headers, JsonNode body) {

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        String type() {
            return body == null ? null : body.path("type").asText(null);
        }

        List<String> errorFields() {
            return body.path("errors").findValuesAsText("field");
        }
    }

    static PositionId newPosition() {
        return PositionId.of("SKU-" + RUN + "-" + SEQUENCE.incrementAndGet(), "DC1");
    }

    static String newMovementId() {
        return "MOV-" + RUN + "-" + SEQUENCE.incrementAndGet();
    }

    /** A movement body with every field every kind needs, at {@link #OCCURRED_AT}. */
    static ObjectNode movement(String movementId, PositionId position, long quantity) {
        ObjectNode body = JSON.createObjectNode()
                .put("movementId", movementId)
                .put("sku", position.sku().value())
                .put("location", position.location().value())
                .put("quantity", quantity)
                .put("occurredAt", OCCURRED_AT)
                .put("sourceSystem", "wms-dc1");
        body.putObject("reference").put("type", "ASN").put("number", "4711");
        return body;
    }

    Answer post(String kind, JsonNode body, String... headers) {
        return send("POST", "/api/v1/movements/" + kind, BodyPublishers.ofString(body.toString()), json(headers));
    }

    Answer postRaw(String kind, String body, String... headers) {
        return send("POST", "/api/v1/movements/" + kind, BodyPublishers.ofString(body), headers);
    }

    Answer get(String path, String... headers) {
        return send("GET", path, BodyPublishers.noBody(), headers);
    }

    Answer send(String method, String path, BodyPublisher body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body);
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            var response = http.send(request.build(), BodyHandlers.ofString());
            JsonNode json = response.body().isEmpty() ? null : JSON.readTree(response.body());
            Answer answer = new Answer(response.statusCode(), response.headers(), json);
            if (!"urn:stockledger:problem:ledger-unavailable".equals(answer.type())) {
                // a 503 says the store is unavailable, which a test may make it; no input ever causes a 5xx
                assertThat(answer.status()).as("never a 5xx: %s", json).isLessThan(500);
            }
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Posts a movement that must be recorded, as the given state of a test. */
    void given(String kind, ObjectNode body) {
        Answer answer = post(kind, body);
        assertThat(answer.status()).as("given %s: %s", kind, answer.body()).isEqualTo(201);
    }

    /** Receives {@code quantity} units at {@code position}, as the given state of a test. */
    void givenReceived(PositionId position, long quantity) {
        given("receipts", movement(newMovementId(), position, quantity));
    }

    List<Object> events(PositionId position) {
        return eventStore
                .readEvents(position.toString())
                .asStream()
                .map(DomainEventMessage::getPayload)
                .map(Object.class::cast)
                .toList();
    }

    List<DomainEventMessage<?>> eventMessages(PositionId position) {
        return eventStore
                .readEvents(position.toString())
                .asStream()
                .<DomainEventMessage<?>>map(m -> m)
                .toList();
    }

    Object lastEvent(PositionId position) {
        List<Object> events = events(position);
        assertThat(events).isNotEmpty();
        return events.get(events.size() - 1);
    }

    static void assertProblem(Answer answer, int status, String slug) {
        assertThat(answer.status()).as("status of %s", answer.body()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.type()).isEqualTo("urn:stockledger:problem:" + slug);
        assertThat(answer.body().path("title").asText()).isNotBlank();
        assertThat(answer.body().path("detail").asText()).isNotBlank();
        assertThat(answer.header("X-Correlation-Id")).isNotBlank();
    }

    private static String[] json(String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Content-Type";
        all[1] = "application/json";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return all;
    }
}
