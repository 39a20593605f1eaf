package io.stockledger.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A 2xx is durable: {@code kill -9} right after it loses nothing, on either side, and a restarted query side
 * neither loses nor re-applies what it had projected.
 */
@ExtendWith(PrintLogsOnFailure.class)
class DurabilityEndToEndTest {

    private static final String LOCATION = "WH-DURABLE";

    private static Ledger ledger;

    @BeforeAll
    static void startLedger() {
        ledger = Ledger.start("durability");
    }

    @AfterAll
    static void stopLedger() {
        if (ledger != null) {
            ledger.close();
        }
    }

    @Test
    void acknowledgedMovementsSurviveKillingEitherSide() {
        String sku = MovementRequest.newSku("E2E-DURABLE");
        List<ObjectNode> acknowledged = new ArrayList<>();

        // A burst of receipts, and kill -9 the command side the moment the last 201 arrives.
        for (int i = 0; i < 20; i++) {
            ObjectNode receipt = MovementRequest.of(sku, LOCATION, 1 + i % 3);
            Http.Response answer = ledger.post("receipts", receipt);
            assertThat(answer.status()).as("%s", answer).isEqualTo(201);
            acknowledged.add(receipt);
        }
        ObjectNode last = acknowledged.get(acknowledged.size() - 1);
        Http.Response lastAnswer = ledger.movement(last.get("movementId").asText());
        ledger.commandSide().kill();

        ledger.commandSide().start(ledger.http());
        for (ObjectNode receipt : acknowledged) {
            Http.Response read = ledger.movement(receipt.get("movementId").asText());
            assertThat(read.status())
                    .as("movement %s after kill -9", receipt.get("movementId"))
                    .isEqualTo(200);
        }
        assertThat(ledger.movement(last.get("movementId").asText()).json()).isEqualTo(lastAnswer.json());

        // The ledger goes on after the restart, and the query side (still running) saw everything.
        ObjectNode afterRestart = MovementRequest.of(sku, LOCATION, 5);
        assertThat(ledger.post("receipts", afterRestart).status()).isEqualTo(201);
        acknowledged.add(afterRestart);
        long onHand =
                acknowledged.stream().mapToLong(m -> m.get("quantity").asLong()).sum();
        ledger.awaitPosition(sku, LOCATION, view -> view.path("onHand").asLong() == onHand);
        assertExactlyOnce(sku, acknowledged);

        // Now kill -9 the query side: its projections and tokens commit together, so nothing is applied twice.
        ledger.querySide().kill();
        ObjectNode whileQuerySideIsDown = MovementRequest.of(sku, LOCATION, 2);
        assertThat(ledger.post("receipts", whileQuerySideIsDown).status()).isEqualTo(201);
        acknowledged.add(whileQuerySideIsDown);
        ledger.querySide().start(ledger.http());

        long finalOnHand = onHand + 2;
        JsonNode position =
                ledger.awaitPosition(sku, LOCATION, view -> view.path("onHand").asLong() == finalOnHand);
        assertThat(position.path("available").asLong()).isEqualTo(finalOnHand);
        ledger.awaitAudit(whileQuerySideIsDown.get("movementId").asText(), 1);
        assertExactlyOnce(sku, acknowledged);
    }

    @Test
    void aGracefulRestartOfBothSidesKeepsTheLedgerAndItsViews() {
        String sku = MovementRequest.newSku("E2E-RESTART");
        ObjectNode receipt = MovementRequest.of(sku, LOCATION, 9);
        ObjectNode shipment = MovementRequest.of(sku, LOCATION, 4);
        assertThat(ledger.post("receipts", receipt).status()).isEqualTo(201);
        assertThat(ledger.post("shipments", shipment).status()).isEqualTo(201);
        JsonNode before =
                ledger.awaitPosition(sku, LOCATION, view -> view.path("onHand").asLong() == 5);

        ledger.querySide().stop();
        ledger.commandSide().stop();
        ledger.commandSide().start(ledger.http());
        ledger.querySide().start(ledger.http());

        assertThat(ledger.position(sku, LOCATION).json()).isEqualTo(before);
        assertExactlyOnce(sku, List.of(receipt, shipment));
        // Re-posting after the restart is still a no-op: the movement registry is durable too.
        assertThat(ledger.post("receipts", receipt).status()).isEqualTo(201);
        assertThat(ledger.post("receipts", receipt.deepCopy().put("quantity", 10))
                        .status())
                .isEqualTo(409);
    }

    /** The audit history of the SKU holds each acknowledged movement once, and nothing else. */
    private static void assertExactlyOnce(String sku, List<ObjectNode> acknowledged) {
        List<String> expected =
                acknowledged.stream().map(m -> m.get("movementId").asText()).toList();
        List<JsonNode> history = ledger.auditEntries(Map.of("sku", sku));
        assertThat(history).extracting(e -> e.path("movementId").asText()).containsExactlyElementsOf(expected);
        assertThat(history).extracting(e -> e.path("globalPosition").asLong()).doesNotHaveDuplicates();
    }
}
