package io.stockledger.command.finance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stockledger.api.finance.PeriodBooking;
import io.stockledger.security.test.TestCredentials;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Period close over HTTP, on a command side of its own (closes are ledger-wide). Closed periods only grow, so every
 * test starts from wherever the ledger is closed through and works on the periods after it.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:finance-${random.uuid};DB_CLOSE_DELAY=-1")
class PeriodCloseApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final YearMonth FIRST = YearMonth.parse("2001-01");

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    int port;

    @Autowired
    ClosedPeriods closed;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    org.axonframework.eventsourcing.eventstore.EventStore eventStore;

    record Answer(int status, JsonNode body) {
        String type() {
            return body == null ? null : body.path("type").asText(null);
        }
    }

    @Test
    void closesTheNextPeriodAndSaysWhoAndWhen() {
        YearMonth next = nextOpen();
        Instant before = Instant.now();

        Answer answer = close(next.toString());

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.body().path("period").asText()).isEqualTo(next.toString());
        assertThat(answer.body().path("closedBy").asText()).isEqualTo(TestCredentials.CLIENT);
        assertThat(Instant.parse(answer.body().path("closedAt").asText())).isAfterOrEqualTo(before.minusSeconds(1));
        assertThat(closed.closedThrough()).contains(next);
    }

    @Test
    void cannotClosePeriodsOutOfOrderTwiceOrBeforeTheyEnd() {
        YearMonth next = nextOpen();
        assertProblem(close(next.plusMonths(1).toString()), 409, "period-close-out-of-order");
        assertThat(close(next.toString()).status()).isEqualTo(201);
        assertProblem(close(next.toString()), 409, "period-already-closed");
        assertProblem(close(YearMonth.now().toString()), 409, "period-close-out-of-order");
        assertThat(closed.closedThrough()).contains(next);
    }

    @Test
    void aMalformedPeriodIsInvalid() {
        assertProblem(close("2025-13"), 400, "invalid-request");
        assertProblem(close("March"), 400, "invalid-request");
    }

    @Test
    void refusesAMovementDatedInsideAClosedPeriodAndRecordsNothing() {
        YearMonth closedPeriod = closeOne();
        String movementId = newId();

        Answer answer = post("receipts", receipt(movementId, closedPeriod.atDay(15) + "T10:00:00Z"));

        assertProblem(answer, 409, "period-closed");
        assertThat(answer.body().path("detail").asText()).contains(closedPeriod.toString());
        assertThat(get("/api/v1/movements/" + movementId).status()).isEqualTo(404);
        assertThat(eventsOf(movementId)).isZero();
    }

    @Test
    void booksAMovementDatedInsideAClosedPeriodIntoTheFirstOpenOneWhenAsked() {
        YearMonth closedPeriod = closeOne();
        String movementId = newId();
        String occurredAt = closedPeriod.atDay(15) + "T10:00:00Z";

        Answer answer = post("receipts", receipt(movementId, occurredAt), PeriodBookingHeader.HEADER, "true");

        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(201);
        assertThat(answer.body().path("occurredAt").asText()).isEqualTo(occurredAt);
        Map<String, Object> metaData = metaDataOf(movementId);
        YearMonth booked = YearMonth.parse((String) metaData.get(PeriodBooking.PERIOD));
        assertThat(booked).isAfter(closedPeriod);
        assertThat(metaData.get(PeriodBooking.BOOKED_AT))
                .isEqualTo(booked.atDay(1)
                        .atStartOfDay(java.time.ZoneOffset.UTC)
                        .toInstant()
                        .toString());
    }

    @Test
    void anInvalidBookingHeaderIsInvalid() {
        closeOne();
        assertProblem(
                post("receipts", receipt(newId(), "2026-11-01T10:00:00Z"), PeriodBookingHeader.HEADER, "yes"),
                400,
                "invalid-request");
    }

    /**
     * Movements dated inside a period race with its close: every movement accepted without a booking was recorded
     * before the close, every one after it was refused. None slips in.
     */
    @Test
    void noMovementSlipsIntoAPeriodWhileItCloses() throws Exception {
        YearMonth period = nextOpen();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<Answer>> answers = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            String id = newId();
            ids.add(id);
            answers.add(pool.submit(() -> post("receipts", receipt(id, period.atDay(10) + "T10:00:00Z"))));
            if (i == 40) {
                answers.add(pool.submit(() -> close(period.toString())));
            }
        }
        int accepted = 0;
        int refused = 0;
        for (Future<Answer> answer : answers) {
            Answer a = answer.get();
            if (a.status() == 201 && a.body().has("movementId")) {
                accepted++;
            } else if (a.status() == 409) {
                assertThat(a.type()).isEqualTo("urn:stockledger:problem:period-closed");
                refused++;
            }
        }
        pool.shutdown();
        assertThat(closed.closedThrough()).contains(period);
        assertThat(accepted + refused).isEqualTo(120);
        Long closeIndex = jdbc.queryForObject(
                "SELECT MAX(globalIndex) FROM DomainEventEntry WHERE payloadType LIKE '%PeriodClosed'", Long.class);
        Long lastMovement = jdbc.queryForObject(
                "SELECT MAX(globalIndex) FROM DomainEventEntry WHERE aggregateIdentifier LIKE 'SKU-F-%' AND"
                        + " globalIndex < 1000000000 AND payloadType LIKE '%StockReceived'",
                Long.class);
        assertThat(lastMovement).isLessThan(closeIndex);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM movement_registry WHERE occurred_at >= ? AND occurred_at < ?",
                        Long.class,
                        period.atDay(1).atStartOfDay(java.time.ZoneOffset.UTC).toOffsetDateTime(),
                        period.plusMonths(1)
                                .atDay(1)
                                .atStartOfDay(java.time.ZoneOffset.UTC)
                                .toOffsetDateTime()))
                .isEqualTo(accepted);
    }

    private YearMonth closeOne() {
        YearMonth next = nextOpen();
        assertThat(close(next.toString()).status()).isEqualTo(201);
        return next;
    }

    private YearMonth nextOpen() {
        return closed.closedThrough().map(p -> p.plusMonths(1)).orElse(FIRST);
    }

    private long eventsOf(String movementId) {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM movement_registry WHERE movement_id = ?", Long.class, movementId);
    }

    private Map<String, Object> metaDataOf(String movementId) {
        List<? extends org.axonframework.eventhandling.DomainEventMessage<?>> recorded = eventStore
                .readEvents(sku(movementId) + "@DC1")
                .asStream()
                .filter(m -> m.getPayload() instanceof io.stockledger.api.stock.StockReceived received
                        && received.movement().movementId().value().equals(movementId))
                .toList();
        assertThat(recorded).hasSize(1);
        return recorded.get(0).getMetaData();
    }

    private static String newId() {
        return "MOV-F-" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime();
    }

    private static ObjectNode receipt(String movementId, String occurredAt) {
        ObjectNode body = JSON.createObjectNode()
                .put("movementId", movementId)
                .put("sku", sku(movementId))
                .put("location", "DC1")
                .put("quantity", 5)
                .put("occurredAt", occurredAt)
                .put("sourceSystem", "wms-dc1");
        body.putObject("reference").put("type", "ASN").put("number", "4711");
        return body;
    }

    private static String sku(String movementId) {
        return "SKU-F-" + Math.floorMod(movementId.hashCode(), 7);
    }

    private Answer close(String period) {
        return send("POST", "/api/v1/finance/periods/" + period + "/close", HttpRequest.BodyPublishers.noBody());
    }

    private Answer post(String kind, JsonNode body, String... headers) {
        return send("POST", "/api/v1/movements/" + kind, HttpRequest.BodyPublishers.ofString(body.toString()), headers);
    }

    private Answer get(String path) {
        return send("GET", path, HttpRequest.BodyPublishers.noBody());
    }

    private Answer send(String method, String path, HttpRequest.BodyPublisher body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body)
                .header("Content-Type", "application/json");
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isEmpty() ? null : JSON.readTree(response.body());
            assertThat(response.statusCode()).as("never a 5xx: %s", json).isLessThan(500);
            return new Answer(response.statusCode(), json);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void assertProblem(Answer answer, int status, String slug) {
        assertThat(answer.status()).as("status of %s", answer.body()).isEqualTo(status);
        assertThat(answer.type()).isEqualTo("urn:stockledger:problem:" + slug);
    }
}
