package io.stockledger.api.reservation;

import io.stockledger.api.common.ReservationId;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Expire a reservation whose expiry has passed, releasing what it still holds. Sent by the ledger itself; a
 * reservation that is not due, or no longer holds anything, is left as it is.
 */
public record ExpireReservation(@TargetAggregateIdentifier ReservationId reservationId) {

    public ExpireReservation {
        Objects.requireNonNull(reservationId, "reservationId is required");
    }
}
