package io.stockledger.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Reservations through both real processes: a reservation's stock moves show on the query side, and a reservation
 * expires at its expiry by itself, also when the command side was down at that moment.
 */
@ExtendWith(PrintLogsOnFailure.class)
class ReservationsEndToEndTest {

    private static final String LOCATION = "WH-RES";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Ledger ledger;

    @BeforeAll
    static void startLedger() {
        ledger = Ledger.start("reservations");
    }

    @AfterAll
    static void stopLedger() {
        if (ledger != null) {
            ledger.close();
        }
    }

    @Test
    void aReservationsWholeLifeShowsOnTheQuerySide() {
        String widget = stocked(10);
        String gadget = stocked(5);
        String reservationId = MovementRequest.newId();

        Http.Response placed = reserve(reservationId, 900, line(widget, 4), line(gadget, 2));
        assertThat(placed.status()).as("%s", placed).isEqualTo(201);
        ledger.awaitPosition(widget, LOCATION, view -> view.path("reserved").asLong() == 4);
        ledger.awaitPosition(gadget, LOCATION, view -> view.path("available").asLong() == 3);

        ObjectNode shipment = JSON.createObjectNode()
                .put("movementId", MovementRequest.newId())
                .put("sourceSystem", "wms");
        shipment.set("lines", JSON.createArrayNode().add(line(widget, 3)));
        Http.Response fulfilled = onReservation(reservationId, "fulfilments", shipment);
        assertThat(fulfilled.status()).as("%s", fulfilled).isEqualTo(200);
        Http.Response released = onReservation(reservationId, "releases", JSON.createObjectNode());
        assertThat(released.json().path("status").asText()).isEqualTo("FULFILLED");

        JsonNode widgetView = ledger.awaitPosition(
                widget, LOCATION, view -> view.path("reserved").asLong() == 0);
        assertThat(widgetView.path("onHand").asLong()).isEqualTo(7);
        ledger.awaitPosition(gadget, LOCATION, view -> view.path("available").asLong() == 5);

        List<JsonNode> trail = Ledger.await(
                "the audit trail of reservation " + reservationId,
                () -> ledger.auditEntries(Map.of("movementId", reservationId)),
                entries -> entries.size() == 4);
        assertThat(trail)
                .extracting(entry -> entry.path("movementType").asText())
                .containsExactlyInAnyOrder("RESERVATION", "RESERVATION", "RESERVATION_RELEASE", "RESERVATION_RELEASE");
        assertThat(ledger.auditEntries(Map.of("sku", widget, "movementType", "FULFILMENT")))
                .singleElement()
                .satisfies(entry ->
                        assertThat(entry.path("after").path("onHand").asLong()).isEqualTo(7));
    }

    @Test
    void aReservationWithATwoSecondTimeToLiveIsReleasedWithinSeconds() {
        String widget = stocked(10);
        String reservationId = MovementRequest.newId();
        assertThat(reserve(reservationId, 2, line(widget, 6)).status()).isEqualTo(201);

        Ledger.await(
                "reservation " + reservationId + " to expire",
                () -> reservationStatus(reservationId),
                "EXPIRED"::equals);
        ledger.awaitPosition(widget, LOCATION, view -> view.path("reserved").asLong() == 0);
    }

    @Test
    void aReservationThatFellDueWhileTheCommandSideWasDownExpiresAtStartUp() throws InterruptedException {
        String widget = stocked(10);
        String reservationId = MovementRequest.newId();
        assertThat(reserve(reservationId, 2, line(widget, 6)).status()).isEqualTo(201);

        ledger.commandSide().kill();
        Thread.sleep(3_000);
        ledger.commandSide().start(ledger.http());

        Ledger.await(
                "reservation " + reservationId + " to expire after the restart",
                () -> reservationStatus(reservationId),
                "EXPIRED"::equals);
        ledger.awaitPosition(widget, LOCATION, view -> view.path("reserved").asLong() == 0);
    }

    private static String stocked(long units) {
        String sku = MovementRequest.newSku("E2E-RES");
        Http.Response receipt = ledger.post("receipts", MovementRequest.of(sku, LOCATION, units));
        assertThat(receipt.status()).as("%s", receipt).isEqualTo(201);
        return sku;
    }

    private static ObjectNode line(String sku, long units) {
        return JSON.createObjectNode().put("sku", sku).put("location", LOCATION).put("quantity", units);
    }

    private static Http.Response reserve(String reservationId, long ttlSeconds, ObjectNode... lines) {
        ObjectNode body = JSON.createObjectNode()
                .put("reservationId", reservationId)
                .put("channel", "web")
                .put("orderReference", "SO-" + reservationId)
                .put("sourceSystem", "webshop")
                .put("ttlSeconds", ttlSeconds);
        body.set("lines", JSON.createArrayNode().addAll(List.of(lines)));
        return ledger.http().post(ledger.commandSide().port(), "/api/v1/reservations", body, Map.of());
    }

    private static Http.Response onReservation(String reservationId, String operation, ObjectNode body) {
        return ledger.http()
                .post(
                        ledger.commandSide().port(),
                        "/api/v1/reservations/" + reservationId + "/" + operation,
                        body,
                        Map.of());
    }

    private static String reservationStatus(String reservationId) {
        Http.Response read = ledger.http().get(ledger.commandSide().port(), "/api/v1/reservations/" + reservationId);
        return read.status() == 200 ? read.json().path("status").asText() : "HTTP " + read.status();
    }
}
