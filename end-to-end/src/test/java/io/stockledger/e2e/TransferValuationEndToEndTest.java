package io.stockledger.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A transfer is one movement with two ends, played over REST: a receipt backdated at the source before a transfer
 * revalues the transfer in at the destination and the destination's later shipment, and the ledger's stock value stays
 * what was received less what was issued.
 */
@ExtendWith(PrintLogsOnFailure.class)
class TransferValuationEndToEndTest {

    private static final String WAREHOUSE = "WH-NORTH";
    private static final String STORE = "STORE-12";

    private static Ledger ledger;

    @BeforeAll
    static void startLedger() {
        ledger = Ledger.start("transfer-valuation");
    }

    @AfterAll
    static void stopLedger() {
        if (ledger != null) {
            ledger.close();
        }
    }

    @Test
    void aReceiptBackdatedAtTheSourceRevaluesTheTransferInAndTheDestinationsLaterShipment() {
        String sku = MovementRequest.newSku("E2E-TRANSFER-VALUE");
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(600);

        post("receipts", sku, WAREHOUSE, 10, t0, body -> body.put("unitCost", 2.00));
        String transferId =
                post("transfers-out", sku, WAREHOUSE, 10, t0.plusSeconds(20), body -> body.put("destination", STORE));
        ledger.awaitPosition(sku, STORE, view -> view.path("inTransit").asLong() == 10);
        post("transfers-in", sku, STORE, 10, t0.plusSeconds(30), body -> body.put("transferId", transferId));
        post("shipments", sku, STORE, 4, t0.plusSeconds(40), body -> {});
        Map<String, BigDecimal> before =
                awaitFigures(sku, STORE, figures -> figures.get("shipments").compareTo(new BigDecimal("-8.00")) == 0);
        assertThat(before.get("transfersIn")).isEqualByComparingTo("20.00");

        // Ten more units at 4.00 had arrived before the transfer: it took 10 units at 3.00
        post("receipts", sku, WAREHOUSE, 10, t0.plusSeconds(10), body -> body.put("unitCost", 4.00));

        Map<String, BigDecimal> store =
                awaitFigures(sku, STORE, figures -> figures.get("transfersIn").compareTo(new BigDecimal("30.00")) == 0);
        assertThat(store.get("shipments")).isEqualByComparingTo("-12.00");
        assertThat(store.get("closing")).isEqualByComparingTo("18.00");
        Map<String, BigDecimal> warehouse = figures(sku, WAREHOUSE);
        assertThat(warehouse.get("transfersOut")).isEqualByComparingTo("-30.00");
        assertThat(warehouse.get("closing")).isEqualByComparingTo("30.00");
        // stock value = value received − value issued: 20.00 + 40.00 − 12.00
        assertThat(store.get("closing").add(warehouse.get("closing"))).isEqualByComparingTo("48.00");

        Http.Response rollForward = ledger.http().get(ledger.querySide().port(), "/api/v1/finance/roll-forward");
        assertThat(rollForward.status()).as("%s", rollForward).isEqualTo(200);
        assertThat(rollForward.json().path("violations")).isEmpty();
    }

    private interface Extra {
        void fill(ObjectNode body);
    }

    private static String post(String kind, String sku, String location, long quantity, Instant at, Extra extra) {
        ObjectNode body = MovementRequest.of(MovementRequest.newId(), sku, location, quantity, at);
        extra.fill(body);
        Http.Response answer = ledger.post(kind, body);
        assertThat(answer.status()).as("POST %s %s -> %s", kind, body, answer).isEqualTo(201);
        return body.get("movementId").asText();
    }

    private static Map<String, BigDecimal> awaitFigures(
            String sku, String location, java.util.function.Predicate<Map<String, BigDecimal>> done) {
        return Ledger.await(
                "finance figures of " + sku + "/" + location,
                () -> figures(sku, location),
                figures -> !figures.isEmpty() && done.test(figures));
    }

    /**
     * The position's value figures summed over the periods from ten minutes ago to now (two when the month turned
     * meanwhile); the closing is the last period's.
     */
    private static Map<String, BigDecimal> figures(String sku, String location) {
        Map<String, BigDecimal> figures = new HashMap<>();
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        YearMonth first = YearMonth.from(Instant.now().minusSeconds(900).atOffset(ZoneOffset.UTC));
        for (YearMonth period = first; !period.isAfter(now); period = period.plusMonths(1)) {
            Http.Response answer = ledger.http()
                    .get(
                            ledger.querySide().port(),
                            "/api/v1/finance/periods/" + period + "/balances"
                                    + Http.query(Map.of("sku", sku, "location", location)));
            if (answer.status() != 200) {
                throw new AssertionError("finance balances answered " + answer);
            }
            JsonNode rows = answer.json().path("rows");
            if (rows.isEmpty()) {
                continue;
            }
            rows.get(0).path("value").fields().forEachRemaining(field -> {
                BigDecimal amount = field.getValue().decimalValue();
                if (field.getKey().equals("opening") || field.getKey().equals("closing")) {
                    figures.put(field.getKey(), amount);
                } else {
                    figures.merge(field.getKey(), amount, BigDecimal::add);
                }
            });
        }
        return figures;
    }
}
