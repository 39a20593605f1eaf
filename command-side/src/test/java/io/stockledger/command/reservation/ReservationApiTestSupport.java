package io.stockledger.command.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Quantity;
import io.stockledger.api.reservation.ReservationEvent;
import io.stockledger.api.stock.Balance;
import io.stockledger.api.stock.PositionEvent;
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
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The command side on a random port with an in-memory event store, spoken to over real HTTP; the same
 * configuration as the movement API's tests, so they all share one application context. Every test works on
 * positions and reservation ids of its own. What a request did is read from the event store: the buckets
 * {@code after} each position event, and the reservation's own events.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:command-side-${random.uuid};DB_CLOSE_DELAY=-1")
abstract class ReservationApiTestSupport {

    static final String RESERVATIONS = "/api/v1/reservations";
    static final String WEB = "web";
    static final String WEBSHOP = "webshop";
    static final String WMS = "wms-dc1";
    static final String DC1 = "DC1";
    static final String DC2 = "DC2";
    static final String DELIVERY_NOTE = "DN-1001";
    /** When test stock arrives: well before any reservation, whatever today's date. */
    static final String RECEIVED_AT = "2024-01-02T08:00:00Z";

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

        JsonNode line(int index) {
            return body.path("lines").path(index);
        }
    }

    // --- fixture values ------------------------------------------------------------------------------------------

    static PositionId newPosition() {
        return newPosition(DC1);
    }

    static PositionId newPosition(String location) {
        return PositionId.of("SKU-" + RUN + "-" + SEQUENCE.incrementAndGet(), location);
    }

    static String newReservationId() {
        return "R-" + RUN + "-" + SEQUENCE.incrementAndGet();
    }

    static String newMovementId() {
        return "MOV-" + RUN + "-" + SEQUENCE.incrementAndGet();
    }

    // --- bodies --------------------------------------------------------------------------------------------------

    static ObjectNode line(PositionId position, long quantity) {
        return JSON.createObjectNode()
                .put("sku", position.sku().value())
                .put("location", position.location().value())
                .put("quantity", quantity);
    }

    /** A reservation for order {@code SO-<id>} on the web channel, with the default time to live. */
    static ObjectNode reservation(String reservationId, ObjectNode... lines) {
        ObjectNode body = JSON.createObjectNode()
                .put("reservationId", reservationId)
                .put("channel", WEB)
                .put("orderReference", "SO-" + reservationId)
                .put("sourceSystem", WEBSHOP);
        body.set("lines", array(lines));
        return body;
    }

    /** The body of a release of these lines (parts of them, or whole ones). */
    static ObjectNode releaseOf(ObjectNode... lines) {
        ObjectNode body = JSON.createObjectNode();
        body.set("lines", array(lines));
        return body;
    }

    /** A shipment of these lines (everything still held when none) by the warehouse, against a delivery note. */
    static ObjectNode fulfilment(String movementId, ObjectNode... lines) {
        ObjectNode body = JSON.createObjectNode().put("movementId", movementId).put("sourceSystem", WMS);
        body.putObject("reference").put("type", "DELIVERY_NOTE").put("number", DELIVERY_NOTE);
        if (lines.length > 0) {
            body.set("lines", array(lines));
        }
        return body;
    }

    /** A line of a reservation as the API answers it. */
    static ObjectNode lineState(PositionId position, int requested, int reserved, int fulfilled, int released) {
        return JSON.createObjectNode()
                .put("sku", position.sku().value())
                .put("location", position.location().value())
                .put("requested", requested)
                .put("reserved", reserved)
                .put("fulfilled", fulfilled)
                .put("released", released)
                .put("backordered", 0);
    }

    /** A line of a rejected reservation as the API answers it. */
    static ObjectNode rejection(PositionId position, int requested, int available) {
        return JSON.createObjectNode()
                .put("sku", position.sku().value())
                .put("location", position.location().value())
                .put("requested", requested)
                .put("available", available)
                .put("reason", "insufficient-available-stock");
    }

    static ObjectNode extension(long ttlSeconds) {
        return JSON.createObjectNode().put("ttlSeconds", ttlSeconds);
    }

    static ArrayNode array(ObjectNode... elements) {
        ArrayNode array = JSON.createArrayNode();
        for (ObjectNode element : elements) {
            array.add(element);
        }
        return array;
    }

    // --- requests ------------------------------------------------------------------------------------------------

    Answer place(JsonNode body, String... headers) {
        return postJson(RESERVATIONS, body, headers);
    }

    Answer release(String reservationId, JsonNode body) {
        return postJson(RESERVATIONS + "/" + reservationId + "/releases", body);
    }

    /** A release without a body: everything the reservation still holds. */
    Answer releaseAll(String reservationId) {
        return send("POST", RESERVATIONS + "/" + reservationId + "/releases", BodyPublishers.noBody());
    }

    Answer fulfil(String reservationId, JsonNode body) {
        return postJson(RESERVATIONS + "/" + reservationId + "/fulfilments", body);
    }

    Answer extend(String reservationId, JsonNode body) {
        return postJson(RESERVATIONS + "/" + reservationId + "/extensions", body);
    }

    Answer postJson(String path, JsonNode body, String... headers) {
        return postRaw(path, body.toString(), withJson(headers));
    }

    Answer postRaw(String path, String body, String... headers) {
        return send("POST", path, BodyPublishers.ofString(body), headers);
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
            assertThat(answer.status())
                    .as("never a 5xx: %s %s answered %s", method, path, json)
                    .isLessThan(500);
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String[] withJson(String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Content-Type";
        all[1] = "application/json";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return all;
    }

    // --- given ---------------------------------------------------------------------------------------------------

    /** Receives {@code quantity} units at {@code position} through the movement API. */
    void givenReceived(PositionId position, long quantity) {
        ObjectNode receipt = JSON.createObjectNode()
                .put("movementId", newMovementId())
                .put("sku", position.sku().value())
                .put("location", position.location().value())
                .put("quantity", quantity)
                .put("occurredAt", RECEIVED_AT)
                .put("sourceSystem", WMS);
        receipt.putObject("reference").put("type", "ASN").put("number", "4711");
        Answer answer = postJson("/api/v1/movements/receipts", receipt);
        assertThat(answer.status()).as("given a receipt: %s", answer.body()).isEqualTo(201);
    }

    /** A position with {@code quantity} units received. */
    PositionId stocked(long quantity) {
        PositionId position = newPosition();
        givenReceived(position, quantity);
        return position;
    }

    /** Places a reservation that must be confirmed, and answers its id. */
    String givenReserved(ObjectNode... lines) {
        String reservationId = newReservationId();
        Answer answer = place(reservation(reservationId, lines));
        assertThat(answer.status()).as("given a reservation: %s", answer.body()).isEqualTo(201);
        return reservationId;
    }

    // --- then ----------------------------------------------------------------------------------------------------

    List<PositionEvent> events(PositionId position) {
        return eventStore
                .readEvents(position.toString())
                .asStream()
                .map(EventMessage::getPayload)
                .map(PositionEvent.class::cast)
                .toList();
    }

    PositionEvent lastEvent(PositionId position) {
        List<PositionEvent> events = events(position);
        assertThat(events).as("events of %s", position).isNotEmpty();
        return events.get(events.size() - 1);
    }

    /** The position's buckets after its last event. */
    Balance balance(PositionId position) {
        return lastEvent(position).after();
    }

    void assertBalance(PositionId position, long onHand, long reserved, long available) {
        Balance balance = balance(position);
        assertThat(balance.onHand()).as("on hand at %s", position).isEqualTo(Quantity.of(onHand));
        assertThat(balance.reserved()).as("reserved at %s", position).isEqualTo(Quantity.of(reserved));
        assertThat(balance.available()).as("available at %s", position).isEqualTo(Quantity.of(available));
    }

    List<ReservationEvent> reservationEvents(String reservationId) {
        return eventStore
                .readEvents(reservationId)
                .asStream()
                .map(EventMessage::getPayload)
                .map(ReservationEvent.class::cast)
                .toList();
    }

    static void assertProblem(Answer answer, int status, String slug) {
        assertThat(answer.status()).as("status of %s", answer.body()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.type()).isEqualTo("urn:stockledger:problem:" + slug);
        assertThat(answer.body().path("title").asText()).isNotBlank();
        assertThat(answer.body().path("detail").asText()).isNotBlank();
        assertThat(answer.header("X-Correlation-Id")).isNotBlank();
    }
}
