package io.stockledger.api.reservation;

import java.time.Instant;
import java.util.List;

/**
 * A reservation as the query side knows it: its status, channel, order and expiry (none for a rejected one), when
 * it was placed and last changed (recorded time), per line what was requested and what is still reserved,
 * fulfilled, released and short, why a rejected one was refused, and the global event position of the last event
 * applied to it.
 */
public record ReservationView(
        String reservationId,
        ReservationStatus status,
        String channel,
        String orderReference,
        Instant expiresAt,
        Instant placedAt,
        Instant updatedAt,
        List<Line> lines,
        List<Rejection> rejections,
        long eventPosition) {

    /**
     * One position of the reservation. What it still holds there is {@code reserved} (units of stock) plus
     * {@code backordered} (units beyond stock its channel's policy let it backorder, waiting to be covered);
     * {@code shortQuantity} how many reserved units the position cannot deliver now, as its last reservation
     * shortfall said.
     */
    public record Line(
            String sku,
            String location,
            long requested,
            long reserved,
            long fulfilled,
            long released,
            long shortQuantity,
            long backordered) {

        /** A line with nothing backordered. */
        public Line(
                String sku,
                String location,
                long requested,
                long reserved,
                long fulfilled,
                long released,
                long shortQuantity) {
            this(sku, location, requested, reserved, fulfilled, released, shortQuantity, 0);
        }
    }

    /** Why a line of a rejected reservation could not be reserved, and what its position could offer then. */
    public record Rejection(String sku, String location, long requested, long available, String reason) {}
}
