package io.stockledger.api.reservation;

import io.stockledger.api.common.ChannelId;
import io.stockledger.api.common.OrderReference;
import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Quantity;
import io.stockledger.api.common.ReservationId;
import java.time.Instant;
import java.util.List;

/**
 * A reservation as its aggregate knows it, answered by every reservation command: status, expiry, per line what
 * was requested and what is still held, fulfilled and released, and for a rejected one why.
 */
public record ReservationState(
        ReservationId reservationId,
        ReservationStatus status,
        ChannelId channel,
        OrderReference orderReference,
        Instant expiresAt,
        List<Line> lines,
        List<LineRejection> rejections) {

    /**
     * One position of the reservation. What it still holds there is {@code reserved} (units of stock) plus
     * {@code backordered} (units beyond stock that its channel's policy let it backorder, waiting to be covered).
     * The reservation aggregate knows only what a line holds: a command's own result states it all as
     * {@code reserved}; the HTTP API asks the positions and tells the backordered part apart.
     */
    public record Line(
            PositionId positionId,
            Quantity requested,
            Quantity reserved,
            Quantity fulfilled,
            Quantity released,
            Quantity backordered) {

        /** The line with {@code backordered} of its held units waiting for stock. */
        public Line withBackordered(Quantity backordered) {
            return new Line(positionId, requested, reserved.minus(backordered), fulfilled, released, backordered);
        }
    }

    /** This state with other lines. */
    public ReservationState withLines(List<Line> lines) {
        return new ReservationState(reservationId, status, channel, orderReference, expiresAt, lines, rejections);
    }
}
