package io.stockledger.api.reservation;

import io.stockledger.api.common.ReservationId;

/** Every event of a reservation itself; what happens to the positions it holds stock on are position events. */
public sealed interface ReservationEvent
        permits ReservationConfirmed,
                ReservationRejected,
                ReservationReleased,
                ReservationFulfilled,
                ReservationExtended,
                ReservationExpired {

    ReservationId reservationId();
}
