package io.stockledger.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every movement kind, posted over REST to the command side, read back from the query side's views. */
@ExtendWith(PrintLogsOnFailure.class)
class MovementsEndToEndTest {

    private static final String WAREHOUSE = "WH-NORTH";
    private static final String STORE = "STORE-12";

    private static Ledger ledger;

    @BeforeAll
    static void startLedger() {
        ledger = Ledger.start("movements");
    }

    @AfterAll
    static void stopLedger() {
        if (ledger != null) {
            ledger.close();
        }
    }

    /** What one posted movement must look like in the audit history. */
    private record Expected(
            String kind,
            String movementType,
            String location,
            long quantity,
            ObjectNode request,
            String correlationId,
            JsonNode answer,
            Buckets after) {}

    /** On hand, reserved, quarantined, damaged, in transit. */
    private record Buckets(long onHand, long reserved, long quarantined, long damaged, long inTransit) {

        long available() {
            return onHand - reserved - quarantined - damaged;
        }

        static Buckets of(JsonNode node) {
            return new Buckets(
                    node.path("onHand").asLong(),
                    node.path("reserved").asLong(),
                    node.path("quarantined").asLong(),
                    node.path("damaged").asLong(),
                    node.path("inTransit").asLong());
        }
    }

    @Test
    void everyMovementKindShowsInThePositionAndTheAuditHistoryWithAllItsMetadata() {
        String sku = MovementRequest.newSku("E2E-KINDS");
        List<Expected> posted = new ArrayList<>();
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(3600);

        posted.add(post(
                "receipts",
                "RECEIPT",
                sku,
                WAREHOUSE,
                100,
                t0,
                b -> b.put("unitCost", 2.5),
                null,
                new Buckets(100, 0, 0, 0, 0)));
        posted.add(post(
                "shipments",
                "SHIPMENT",
                sku,
                WAREHOUSE,
                10,
                t0.plusSeconds(60),
                b -> {},
                null,
                new Buckets(90, 0, 0, 0, 0)));
        posted.add(post(
                "adjustments",
                "ADJUSTMENT",
                sku,
                WAREHOUSE,
                -5,
                t0.plusSeconds(120),
                b -> b.put("expectedOnHand", 90),
                "SHRINKAGE",
                new Buckets(85, 0, 0, 0, 0)));
        posted.add(post(
                "counts",
                "COUNT",
                sku,
                WAREHOUSE,
                80,
                t0.plusSeconds(180),
                b -> {},
                "CYCLE-COUNT",
                new Buckets(80, 0, 0, 0, 0)));
        posted.add(post(
                "quarantines",
                "QUARANTINE",
                sku,
                WAREHOUSE,
                6,
                t0.plusSeconds(240),
                b -> {},
                "QC-HOLD",
                new Buckets(80, 0, 6, 0, 0)));
        posted.add(post(
                "quarantine-releases",
                "QUARANTINE_RELEASE",
                sku,
                WAREHOUSE,
                2,
                t0.plusSeconds(300),
                b -> {},
                "QC-PASSED",
                new Buckets(80, 0, 4, 0, 0)));
        posted.add(post(
                "damages",
                "DAMAGE",
                sku,
                WAREHOUSE,
                3,
                t0.plusSeconds(360),
                b -> {},
                "FORKLIFT",
                new Buckets(80, 0, 4, 3, 0)));
        posted.add(post(
                "damages",
                "DAMAGE",
                sku,
                WAREHOUSE,
                1,
                t0.plusSeconds(420),
                b -> b.put("fromQuarantine", true),
                "QC-FAILED",
                new Buckets(80, 0, 3, 4, 0)));
        posted.add(post(
                "write-offs",
                "WRITE_OFF",
                sku,
                WAREHOUSE,
                4,
                t0.plusSeconds(480),
                b -> {},
                "SCRAPPED",
                new Buckets(76, 0, 3, 0, 0)));
        posted.add(post(
                "returns",
                "RETURN",
                sku,
                WAREHOUSE,
                5,
                t0.plusSeconds(540),
                b -> b.put("toQuarantine", true),
                "CUSTOMER-RETURN",
                new Buckets(81, 0, 8, 0, 0)));
        posted.add(post(
                "returns",
                "RETURN",
                sku,
                WAREHOUSE,
                2,
                t0.plusSeconds(600),
                b -> {},
                "CUSTOMER-RETURN",
                new Buckets(83, 0, 8, 0, 0)));
        posted.add(post(
                "short-picks",
                "SHORT_PICK",
                sku,
                WAREHOUSE,
                1,
                t0.plusSeconds(660),
                b -> {},
                "NOT-FOUND",
                new Buckets(82, 0, 8, 0, 0)));
        Expected transferOut = post(
                "transfers-out",
                "TRANSFER_OUT",
                sku,
                WAREHOUSE,
                20,
                t0.plusSeconds(720),
                b -> b.put("destination", STORE),
                null,
                new Buckets(62, 0, 8, 0, 0));
        posted.add(transferOut);

        // The ledger itself records the units in transit at the destination, asynchronously.
        JsonNode store =
                ledger.awaitPosition(sku, STORE, view -> view.path("inTransit").asLong() == 20);
        assertThat(Buckets.of(store)).isEqualTo(new Buckets(0, 0, 0, 0, 20));
        List<JsonNode> transferEntries =
                ledger.awaitAudit(transferOut.request().get("movementId").asText(), 2);
        assertThat(transferEntries)
                .extracting(e -> e.path("movementType").asText() + "@"
                        + e.path("location").asText())
                .containsExactlyInAnyOrder("TRANSFER_OUT@" + WAREHOUSE, "IN_TRANSIT@" + STORE);

        Expected transferIn = post(
                "transfers-in",
                "TRANSFER_IN",
                sku,
                STORE,
                15,
                t0.plusSeconds(780),
                b -> b.put("transferId", transferOut.request().get("movementId").asText()),
                null,
                new Buckets(15, 0, 0, 0, 5));
        posted.add(transferIn);

        JsonNode warehouse =
                ledger.awaitPosition(sku, WAREHOUSE, view -> view.path("onHand").asLong() == 62);
        assertThat(Buckets.of(warehouse)).isEqualTo(new Buckets(62, 0, 8, 0, 0));
        assertThat(warehouse.path("available").asLong()).isEqualTo(54);
        store = ledger.awaitPosition(sku, STORE, view -> view.path("onHand").asLong() == 15);
        assertThat(Buckets.of(store)).isEqualTo(new Buckets(15, 0, 0, 0, 5));
        assertThat(store.path("available").asLong()).isEqualTo(15);

        for (Expected movement : posted) {
            String movementId = movement.request().get("movementId").asText();
            List<JsonNode> entries = ledger.awaitAudit(movementId, 1).stream()
                    .filter(e -> e.path("location").asText().equals(movement.location()))
                    .toList();
            assertThat(entries).as("audit entries of %s", movement.kind()).hasSize(1);
            assertAuditEntry(entries.get(0), movement);
        }

        List<JsonNode> history = ledger.auditEntries(Map.of("sku", sku, "location", WAREHOUSE));
        assertThat(history).hasSize(posted.size() - 1);
        for (int i = 1; i < history.size(); i++) {
            assertThat(history.get(i).path("globalPosition").asLong())
                    .isGreaterThan(history.get(i - 1).path("globalPosition").asLong());
            assertThat(history.get(i).path("before"))
                    .isEqualTo(history.get(i - 1).path("after"));
        }
    }

    @Test
    void rePostingTheSameMovementAnswersTheSameAndChangesNothing() {
        String sku = MovementRequest.newSku("E2E-IDEM");
        ObjectNode receipt = MovementRequest.of(sku, WAREHOUSE, 7);
        receipt.put("unitCost", 1.25);

        Http.Response first = ledger.post("receipts", receipt);
        Http.Response again = ledger.post("receipts", receipt);
        Http.Response onceMore = ledger.post("receipts", receipt.deepCopy());

        assertThat(first.status()).as("%s", first).isEqualTo(201);
        assertThat(again.status()).as("%s", again).isEqualTo(first.status());
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(onceMore.json()).isEqualTo(first.json());

        ObjectNode transfer = MovementRequest.of(sku, WAREHOUSE, 3);
        transfer.put("destination", STORE);
        Http.Response transferred = ledger.post("transfers-out", transfer);
        assertThat(transferred.status()).as("%s", transferred).isEqualTo(201);
        assertThat(ledger.post("transfers-out", transfer).json()).isEqualTo(transferred.json());

        ObjectNode sentinel = MovementRequest.of(sku, WAREHOUSE, 1);
        assertThat(ledger.post("receipts", sentinel).status()).isEqualTo(201);
        ledger.awaitAudit(sentinel.get("movementId").asText(), 1);
        ledger.awaitAudit(transfer.get("movementId").asText(), 2);

        assertThat(ledger.auditEntries(
                        Map.of("movementId", receipt.get("movementId").asText())))
                .hasSize(1);
        assertThat(ledger.auditEntries(
                        Map.of("movementId", transfer.get("movementId").asText())))
                .hasSize(2);
        assertThat(ledger.awaitPosition(sku, WAREHOUSE, v -> true)
                        .path("onHand")
                        .asLong())
                .isEqualTo(7 - 3 + 1);
        assertThat(ledger.awaitPosition(sku, STORE, v -> true).path("inTransit").asLong())
                .isEqualTo(3);
    }

    @Test
    void theSameMovementIdWithOtherContentIsRefusedAndChangesNothing() {
        String sku = MovementRequest.newSku("E2E-CONFLICT");
        ObjectNode receipt = MovementRequest.of(sku, WAREHOUSE, 7);
        assertThat(ledger.post("receipts", receipt).status()).isEqualTo(201);

        ObjectNode otherQuantity = receipt.deepCopy().put("quantity", 8);
        ObjectNode otherPosition = receipt.deepCopy().put("location", STORE);
        ObjectNode otherKind = receipt.deepCopy();
        for (Http.Response refused : List.of(
                ledger.post("receipts", otherQuantity),
                ledger.post("receipts", otherPosition),
                ledger.post("returns", otherKind))) {
            assertThat(refused.status()).as("%s", refused).isEqualTo(409);
            assertProblem(refused);
        }

        ObjectNode sentinel = MovementRequest.of(sku, WAREHOUSE, 1);
        assertThat(ledger.post("receipts", sentinel).status()).isEqualTo(201);
        ledger.awaitAudit(sentinel.get("movementId").asText(), 1);
        assertThat(ledger.auditEntries(Map.of("sku", sku))).hasSize(2);
        assertThat(ledger.position(sku, STORE).status()).isEqualTo(404);
        assertThat(ledger.position(sku, WAREHOUSE).json().path("onHand").asLong())
                .isEqualTo(8);
    }

    @Test
    void theCorrelationIdIsEchoedAndTracesTheBusinessTransaction() {
        String sku = MovementRequest.newSku("E2E-TRACE");
        String correlationId = "order-" + UUID.randomUUID();
        ObjectNode receipt = MovementRequest.of(sku, WAREHOUSE, 5);
        ObjectNode shipment = MovementRequest.of(sku, WAREHOUSE, 2);

        Http.Response received = ledger.post("receipts", receipt, Map.of("X-Correlation-Id", correlationId));
        Http.Response shipped = ledger.post("shipments", shipment, Map.of("X-Correlation-Id", correlationId));

        assertThat(received.header("X-Correlation-Id")).contains(correlationId);
        assertThat(shipped.header("X-Correlation-Id")).contains(correlationId);
        JsonNode trace = Ledger.await(
                        "trace " + correlationId,
                        () -> ledger.http().get(ledger.querySide().port(), "/api/v1/traces/" + correlationId),
                        r -> r.status() == 200 && r.json().path("entries").size() == 2)
                .json();
        assertThat(trace.path("correlationId").asText()).isEqualTo(correlationId);
        assertThat(trace.path("entries"))
                .extracting(e -> e.path("movementId").asText())
                .containsExactly(
                        receipt.get("movementId").asText(),
                        shipment.get("movementId").asText());

        Http.Response generated = ledger.post("receipts", MovementRequest.of(sku, WAREHOUSE, 1));
        assertThat(generated.header("X-Correlation-Id")).isPresent();
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private interface Extra {
        void fill(ObjectNode body);
    }

    private static Expected post(
            String kind,
            String movementType,
            String sku,
            String location,
            long quantity,
            Instant occurredAt,
            Extra extra,
            String reasonCode,
            Buckets after) {
        ObjectNode body = MovementRequest.of(MovementRequest.newId(), sku, location, quantity, occurredAt);
        body.putObject("reference").put("type", "DOC-" + kind.toUpperCase()).put("number", "N " + kind + "/1");
        if (reasonCode != null) {
            body.put("reasonCode", reasonCode);
        }
        extra.fill(body);
        String correlationId = "e2e-" + kind + "-" + UUID.randomUUID();
        Http.Response answer = ledger.post(kind, body, Map.of("X-Correlation-Id", correlationId));
        assertThat(answer.status()).as("POST %s %s -> %s", kind, body, answer).isEqualTo(201);
        JsonNode json = answer.json();
        assertThat(json.path("movementId").asText())
                .isEqualTo(body.get("movementId").asText());
        assertThat(json.path("type").asText()).isEqualTo(movementType);
        assertThat(json.path("sku").asText()).isEqualTo(sku);
        assertThat(json.path("location").asText()).isEqualTo(location);
        assertThat(json.path("quantity").asLong()).isEqualTo(quantity);
        assertThat(Instant.parse(json.path("occurredAt").asText())).isEqualTo(occurredAt);
        assertThat(Instant.parse(json.path("recordedAt").asText())).isAfter(occurredAt);
        assertThat(answer.header("X-Correlation-Id")).contains(correlationId);

        Http.Response read = ledger.movement(body.get("movementId").asText());
        assertThat(read.status()).as("%s", read).isEqualTo(200);
        assertThat(read.json().path("recordedAt")).isEqualTo(json.path("recordedAt"));
        return new Expected(kind, movementType, location, quantity, body, correlationId, json, after);
    }

    private static void assertAuditEntry(JsonNode entry, Expected movement) {
        ObjectNode request = movement.request();
        assertThat(entry.path("globalPosition").isIntegralNumber())
                .as("globalPosition of %s", entry)
                .isTrue();
        assertThat(entry.path("eventId").asText()).isNotBlank();
        assertThat(entry.path("eventType").asText()).isNotBlank();
        assertThat(entry.path("movementId").asText())
                .isEqualTo(request.get("movementId").asText());
        assertThat(entry.path("movementType").asText()).isEqualTo(movement.movementType());
        assertThat(entry.path("sku").asText()).isEqualTo(request.get("sku").asText());
        assertThat(entry.path("location").asText()).isEqualTo(movement.location());
        assertThat(entry.path("quantity").asLong()).isEqualTo(movement.quantity());
        assertThat(Instant.parse(entry.path("occurredAt").asText()))
                .isEqualTo(Instant.parse(request.get("occurredAt").asText()));
        assertThat(Instant.parse(entry.path("recordedAt").asText()))
                .isEqualTo(Instant.parse(movement.answer().path("recordedAt").asText()));
        assertThat(entry.path("sourceSystem").asText()).isEqualTo(MovementRequest.SOURCE_SYSTEM);
        assertThat(entry.path("referenceType").asText())
                .isEqualTo(request.get("reference").get("type").asText());
        assertThat(entry.path("referenceNumber").asText())
                .isEqualTo(request.get("reference").get("number").asText());
        if (request.has("reasonCode")) {
            assertThat(entry.path("reasonCode").asText())
                    .isEqualTo(request.get("reasonCode").asText());
        }
        assertThat(entry.path("principal").asText())
                .as("principal of %s", entry)
                .isEqualTo(TestClient.ID);
        assertThat(entry.path("correlationId").asText()).isEqualTo(movement.correlationId());
        assertThat(Buckets.of(entry.path("after")))
                .as("buckets after %s", movement.kind())
                .isEqualTo(movement.after());
    }

    static void assertProblem(Http.Response response) {
        assertThat(response.header("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.json().path("type").asText()).startsWith("urn:stockledger:problem:");
        assertThat(response.json().path("status").asInt()).isEqualTo(response.status());
        assertThat(response.json().path("detail").asText()).isNotBlank();
    }
}
