package io.stockledger.api.reservation;

import io.stockledger.api.common.ReservationId;
import java.util.Objects;

/** One reservation as the query side knows it; answers an empty optional for a reservation never placed. */
public record GetReservation(ReservationId reservationId) {

    public GetReservation {
        Objects.requireNonNull(reservationId, "reservationId is required");
    }
}
