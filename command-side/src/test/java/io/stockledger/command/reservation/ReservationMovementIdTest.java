package io.stockledger.command.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stockledger.api.common.PositionId;
import io.stockledger.api.stock.Balance;
import java.net.http.HttpRequest.BodyPublishers;
import org.junit.jupiter.api.Test;

/**
 * A shipment's movement id is a movement id like any other: unique across the ledger. And a reservation can be read
 * back where it was placed.
 */
class ReservationMovementIdTest extends ReservationApiTestSupport {

    @Test
    void aFulfilmentCannotReuseTheIdOfAnotherMovement() {
        PositionId widget = stocked(10);
        String reservationId = givenReserved(line(widget, 3));
        String receiptId = newMovementId();
        givenReceivedAs(receiptId, widget, 1);
        Balance before = balance(widget);

        Answer answer = fulfil(reservationId, fulfilment(receiptId));

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.type()).isEqualTo("urn:stockledger:problem:movement-id-conflict");
        assertThat(balance(widget)).isEqualTo(before);
    }

    @Test
    void aShipmentIdCannotShipTwoReservations() {
        PositionId widget = stocked(10);
        String first = givenReserved(line(widget, 3));
        String second = givenReserved(line(widget, 3));
        String shipment = newMovementId();
        assertThat(fulfil(first, fulfilment(shipment)).status()).isEqualTo(200);
        Balance before = balance(widget);

        Answer answer = fulfil(second, fulfilment(shipment));

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.type()).isEqualTo("urn:stockledger:problem:movement-id-conflict");
        assertThat(balance(widget)).isEqualTo(before);
    }

    @Test
    void aMovementCannotReuseTheIdOfAShipment() {
        PositionId widget = stocked(10);
        String reservationId = givenReserved(line(widget, 3));
        String shipment = newMovementId();
        assertThat(fulfil(reservationId, fulfilment(shipment)).status()).isEqualTo(200);

        Answer receipt = postJson("/api/v1/movements/receipts", receiptBody(shipment, widget, 1));

        assertThat(receipt.status()).isEqualTo(409);
        assertThat(receipt.type()).isEqualTo("urn:stockledger:problem:movement-id-conflict");
    }

    @Test
    void theSameShipmentIdWithOtherLinesIsRefused() {
        PositionId widget = stocked(10);
        String reservationId = givenReserved(line(widget, 4));
        String shipment = newMovementId();
        assertThat(fulfil(reservationId, fulfilment(shipment, line(widget, 1))).status())
                .isEqualTo(200);

        Answer answer = fulfil(reservationId, fulfilment(shipment, line(widget, 2)));

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.type()).isEqualTo("urn:stockledger:problem:movement-id-conflict");
        assertThat(balance(widget).onHand().units()).isEqualTo(9);
    }

    @Test
    void aFulfilmentDatedOutsideTheLedgersYearsIsInvalid() {
        PositionId widget = stocked(10);
        String reservationId = givenReserved(line(widget, 3));

        Answer answer = fulfil(reservationId, fulfilment(newMovementId()).put("occurredAt", "+10000-01-01T00:00:00Z"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(balance(widget).reserved().units()).isEqualTo(3);
    }

    @Test
    void aPlacedReservationCanBeReadWhereItsLocationSays() {
        PositionId widget = stocked(10);
        Answer placed = place(reservation(newReservationId(), line(widget, 3)));

        Answer read = send(
                "GET",
                placed.headers().firstValue("Location").orElseThrow(),
                BodyPublishers.noBody(),
                "Accept",
                "application/json");

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body()).isEqualTo(placed.body());
    }

    @Test
    void anUnknownReservationIsNotFound() {
        Answer read = send(
                "GET", RESERVATIONS + "/" + newReservationId(), BodyPublishers.noBody(), "Accept", "application/json");

        assertThat(read.status()).isEqualTo(404);
        assertThat(read.type()).isEqualTo("urn:stockledger:problem:reservation-not-found");
    }

    private void givenReceivedAs(String movementId, PositionId position, long quantity) {
        Answer answer = postJson("/api/v1/movements/receipts", receiptBody(movementId, position, quantity));
        assertThat(answer.status()).as("given a receipt: %s", answer.body()).isEqualTo(201);
    }

    private static ObjectNode receiptBody(String movementId, PositionId position, long quantity) {
        ObjectNode receipt = JSON.createObjectNode()
                .put("movementId", movementId)
                .put("sku", position.sku().value())
                .put("location", position.location().value())
                .put("quantity", quantity)
                .put("occurredAt", RECEIVED_AT)
                .put("sourceSystem", WMS);
        receipt.putObject("reference").put("type", "ASN").put("number", "4711");
        return receipt;
    }
}
