package io.stockledger.api.reservation;

import io.stockledger.api.common.Origin;
import io.stockledger.api.common.ReservationId;
import java.util.List;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Give reserved units back: the given lines (a whole line, or part of its quantity), or everything still held when
 * {@code lines} is empty.
 */
public record ReleaseReservation(
        @TargetAggregateIdentifier ReservationId reservationId, List<ReservationLine> lines, Origin origin) {

    public ReleaseReservation {
        Objects.requireNonNull(reservationId, "reservationId is required");
        Objects.requireNonNull(origin, "origin is required");
        lines = Lines.distinct(lines, true);
    }
}
