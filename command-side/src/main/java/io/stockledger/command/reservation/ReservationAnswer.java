package io.stockledger.command.reservation;

import io.stockledger.api.reservation.LineRejection;
import io.stockledger.api.reservation.ReservationState;
import io.stockledger.api.reservation.ReservationStatus;
import java.time.Instant;
import java.util.List;

/** A reservation as the API answers it: the aggregate's state with each position spelled out as SKU and location. */
record ReservationAnswer(
        String reservationId,
        ReservationStatus status,
        String channel,
        String orderReference,
        Instant expiresAt,
        List<Line> lines,
        List<Rejection> rejections) {

    /**
     * One line: requested, and what of it is still reserved (stock), backordered (waiting for stock), fulfilled and
     * released.
     */
    record Line(
            String sku,
            String location,
            long requested,
            long reserved,
            long fulfilled,
            long released,
            long backordered) {}

    /** Why one line could not be reserved, and what its position could offer. */
    record Rejection(String sku, String location, long requested, long available, String reason) {}

    static ReservationAnswer of(ReservationState state) {
        return new ReservationAnswer(
                state.reservationId().value(),
                state.status(),
                state.channel().value(),
                state.orderReference().value(),
                state.expiresAt(),
                state.lines().stream()
                        .map(line -> new Line(
                                line.positionId().sku().value(),
                                line.positionId().location().value(),
                                line.requested().units(),
                                line.reserved().units(),
                                line.fulfilled().units(),
                                line.released().units(),
                                line.backordered().units()))
                        .toList(),
                state.rejections().stream().map(ReservationAnswer::rejection).toList());
    }

    private static Rejection rejection(LineRejection rejection) {
        return new Rejection(
                rejection.positionId().sku().value(),
                rejection.positionId().location().value(),
                rejection.requested().units(),
                rejection.available().units(),
                rejection.reason());
    }
}
