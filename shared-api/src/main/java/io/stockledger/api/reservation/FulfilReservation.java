package io.stockledger.api.reservation;

import io.stockledger.api.common.ReservationId;
import io.stockledger.api.stock.MovementHeader;
import java.util.List;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Ship reserved units: the given lines (whole or partial), or everything still held when {@code lines} is empty.
 * {@code header} describes the shipment (its movement id is the fulfilment's idempotency key within the
 * reservation, its business time when the goods left).
 */
public record FulfilReservation(
        @TargetAggregateIdentifier ReservationId reservationId, List<ReservationLine> lines, MovementHeader header) {

    public FulfilReservation {
        Objects.requireNonNull(reservationId, "reservationId is required");
        Objects.requireNonNull(header, "header is required");
        lines = Lines.distinct(lines, true);
    }
}
