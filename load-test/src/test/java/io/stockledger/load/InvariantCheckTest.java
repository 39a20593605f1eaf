package io.stockledger.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The ledger-wide value check, over the ledger totals the finance balances answer, latest period first. */
class InvariantCheckTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void stockValueIsWhatWasReceivedLessWhatWasIssuedWhenTransfersBringWhatTheyTook() {
        // January: 60.00 received, a transfer of 30.00 between two positions; February: 12.00 shipped, 1.00 counted
        // missing
        InvariantCheck.Result result = InvariantCheck.valueConserved(List.of(
                total(quantities(0, 0, 0, 0, 0, -1), values(0, -12, 0, 0, 0, -1, 0, 47)),
                total(quantities(20, 0, 10, -10, 0, 0), values(60, 0, 30, -30, 0, 0, 0, 60))));

        assertThat(result.holds()).as(result.detail()).isTrue();
        assertThat(result.detail()).contains("stock 47.0,", "0 units in transit worth 0.0 ");
    }

    @Test
    void valueThatGoesMissingOnAWayFromOnePositionToAnotherFailsTheCheck() {
        // the destination booked 20.00 for a transfer whose source issued 30.00: 10.00 vanished from the ledger
        InvariantCheck.Result result = InvariantCheck.valueConserved(
                List.of(total(quantities(20, -4, 10, -10, 0, 0), values(60, -8, 20, -30, 0, 0, 0, 42))));

        assertThat(result.holds()).as(result.detail()).isFalse();
    }

    @Test
    void valueThatGoesMissingFromEveryFigureFailsTheCheck() {
        // figures that add up per position, but a closing that is not what was received less what was issued
        InvariantCheck.Result result = InvariantCheck.valueConserved(
                List.of(total(quantities(10, 0, 0, 0, 0, 0), values(20, 0, 0, 0, 0, 0, 0, 19.99))));

        assertThat(result.holds()).as(result.detail()).isFalse();
    }

    @Test
    void unitsStillInTransitHoldTheValueTheirTransferTook() {
        InvariantCheck.Result result = InvariantCheck.valueConserved(
                List.of(total(quantities(10, 0, 4, -10, 0, 0), values(20, 0, 8, -20, 0, 0, 0, 8))));

        assertThat(result.holds()).as(result.detail()).isTrue();
        assertThat(result.detail()).contains("6 units in transit worth 12.0 ");
    }

    @Test
    void transfersThatBroughtMoreThanTheyTookFailTheCheck() {
        InvariantCheck.Result result = InvariantCheck.valueConserved(
                List.of(total(quantities(10, 0, 4, -10, 0, 0), values(20, 0, 25, -20, 0, 0, 0, 25))));

        assertThat(result.holds()).as(result.detail()).isFalse();
    }

    @Test
    void anEmptyLedgerHoldsNoValue() {
        assertThat(InvariantCheck.valueConserved(List.of()).holds()).isTrue();
    }

    private static JsonNode total(String quantity, String value) {
        try {
            return JSON.readTree("{\"quantity\":" + quantity + ",\"value\":" + value + "}");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String quantities(
            long receipts, long shipments, long transfersIn, long transfersOut, long returns, long adjustments) {
        return "{\"receipts\":%d,\"shipments\":%d,\"transfersIn\":%d,\"transfersOut\":%d,\"returns\":%d,\"adjustments\":%d}"
                .formatted(receipts, shipments, transfersIn, transfersOut, returns, adjustments);
    }

    private static String values(
            double receipts,
            double shipments,
            double transfersIn,
            double transfersOut,
            double returns,
            double adjustments,
            double writeOffs,
            double closing) {
        return String.format(
                Locale.ROOT,
                "{\"receipts\":%.2f,\"shipments\":%.2f,\"transfersIn\":%.2f,\"transfersOut\":%.2f,\"returns\":%.2f,"
                        + "\"adjustments\":%.2f,\"writeOffs\":%.2f,\"closing\":%.2f}",
                receipts,
                shipments,
                transfersIn,
                transfersOut,
                returns,
                adjustments,
                writeOffs,
                closing);
    }
}
