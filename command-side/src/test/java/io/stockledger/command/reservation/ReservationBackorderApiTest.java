package io.stockledger.command.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Quantity;
import io.stockledger.api.stock.BackorderFilled;
import io.stockledger.api.stock.BackorderReleased;
import io.stockledger.api.stock.StockBackordered;
import io.stockledger.api.stock.StockReserved;
import java.net.http.HttpRequest.BodyPublishers;
import org.junit.jupiter.api.Test;

/**
 * Reservations under a channel policy that allows backorders, over real HTTP: a line beyond available stock is
 * confirmed with its backordered part stated, up to the channel's limit per position; beyond the limit the
 * reservation is rejected as such; a receipt covers the backorder, and only covered units ship.
 */
class ReservationBackorderApiTest extends ReservationApiTestSupport {

    /** A channel selling from DC1 that may backorder up to {@code limit} units per position. */
    String channelWithBackorders(boolean allowed, long limit) {
        String channel = "bo-" + newReservationId().toLowerCase();
        ObjectNode policy = JSON.createObjectNode().put("sourceSystem", "admin");
        policy.putArray("locations").add(DC1);
        policy.putObject("backorders").put("allowed", allowed).put("limit", limit);
        Answer answer = send(
                "PUT",
                "/api/v1/channels/" + channel,
                BodyPublishers.ofString(policy.toString()),
                "Content-Type",
                "application/json");
        assertThat(answer.status()).as("given a channel: %s", answer.body()).isIn(200, 201);
        return channel;
    }

    ObjectNode reservationFor(String channel, String reservationId, ObjectNode... lines) {
        return reservation(reservationId, lines).put("channel", channel);
    }

    static ObjectNode lineState(
            PositionId position, int requested, int reserved, int fulfilled, int released, int backordered) {
        return ReservationApiTestSupport.lineState(position, requested, reserved, fulfilled, released)
                .put("backordered", backordered);
    }

    @Test
    void canBackorderBeyondAvailableStockWhereTheChannelsPolicyAllowsIt() {
        String channel = channelWithBackorders(true, 5);
        PositionId widget = stocked(6);
        String reservationId = newReservationId();

        Answer answer = place(reservationFor(channel, reservationId, line(widget, 10)));

        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(201);
        assertThat(answer.body().path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(answer.line(0)).isEqualTo(lineState(widget, 10, 6, 0, 0, 4));
        assertThat(events(widget))
                .filteredOn(e -> e instanceof StockReserved || e instanceof StockBackordered)
                .extracting(e -> e.getClass().getSimpleName())
                .containsExactly("StockReserved", "StockBackordered");
        assertBalance(widget, 6, 6, 0);
    }

    @Test
    void aReservationBeyondTheBackorderLimitIsRejectedAsOverTheLimitAndHoldsNothing() {
        String channel = channelWithBackorders(true, 5);
        PositionId widget = stocked(6);
        String reservationId = newReservationId();

        Answer answer = place(reservationFor(channel, reservationId, line(widget, 12)));

        assertProblem(answer, 409, "reservation-rejected");
        assertThat(answer.body().path("rejections"))
                .containsExactly(rejection(widget, 12, 6).put("reason", "backorder-limit-exceeded"));
        assertThat(events(widget)).hasSize(1);
        assertBalance(widget, 6, 0, 6);
    }

    @Test
    void aZeroBackorderLimitAllowsNoBackorders() {
        String channel = channelWithBackorders(true, 0);
        PositionId widget = stocked(6);

        Answer answer = place(reservationFor(channel, newReservationId(), line(widget, 7)));

        assertProblem(answer, 409, "reservation-rejected");
        assertThat(answer.body().path("rejections")).containsExactly(rejection(widget, 7, 6));
    }

    @Test
    void aReceiptCoversTheBackorderAndOnlyCoveredUnitsShip() {
        String channel = channelWithBackorders(true, 5);
        PositionId widget = stocked(6);
        String reservationId = newReservationId();
        place(reservationFor(channel, reservationId, line(widget, 10)));

        Answer shippedWhatIsCovered = fulfil(reservationId, fulfilment(newMovementId()));
        assertThat(shippedWhatIsCovered.status())
                .as("%s", shippedWhatIsCovered.body())
                .isEqualTo(200);
        assertThat(shippedWhatIsCovered.body().path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(shippedWhatIsCovered.line(0)).isEqualTo(lineState(widget, 10, 0, 6, 0, 4));

        Answer notCovered = fulfil(reservationId, fulfilment(newMovementId(), line(widget, 4)));
        assertProblem(notCovered, 409, "backorder-not-covered");

        givenReceived(widget, 5);
        assertThat(events(widget))
                .filteredOn(BackorderFilled.class::isInstance)
                .singleElement()
                .satisfies(e -> assertThat(((BackorderFilled) e).quantity()).isEqualTo(Quantity.of(4)));
        assertBalance(widget, 5, 4, 1);

        Answer rest = fulfil(reservationId, fulfilment(newMovementId()));
        assertThat(rest.body().path("status").asText()).isEqualTo("FULFILLED");
        assertThat(rest.line(0)).isEqualTo(lineState(widget, 10, 0, 10, 0, 0));
        assertBalance(widget, 1, 0, 1);
    }

    @Test
    void releasingABackorderedLineGivesUpItsBackorder() {
        String channel = channelWithBackorders(true, 5);
        PositionId widget = stocked(2);
        String reservationId = newReservationId();
        place(reservationFor(channel, reservationId, line(widget, 5)));

        Answer released = releaseAll(reservationId);

        assertThat(released.body().path("status").asText()).isEqualTo("RELEASED");
        assertThat(released.line(0)).isEqualTo(lineState(widget, 5, 0, 0, 5, 0));
        assertThat(events(widget))
                .filteredOn(BackorderReleased.class::isInstance)
                .singleElement()
                .satisfies(e -> assertThat(((BackorderReleased) e).quantity()).isEqualTo(Quantity.of(3)));
        assertBalance(widget, 2, 0, 2);
    }
}
