package io.stockledger.api.reservation;

import io.stockledger.api.common.Origin;
import io.stockledger.api.common.ReservationId;
import java.time.Instant;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Move a confirmed reservation's expiry to {@code expiresAt}. */
public record ExtendReservation(
        @TargetAggregateIdentifier ReservationId reservationId, Instant expiresAt, Origin origin) {

    public ExtendReservation {
        Objects.requireNonNull(reservationId, "reservationId is required");
        Objects.requireNonNull(expiresAt, "expiresAt is required");
        Objects.requireNonNull(origin, "origin is required");
    }
}
