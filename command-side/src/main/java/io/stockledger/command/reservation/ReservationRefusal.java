package io.stockledger.command.reservation;

import io.stockledger.command.platform.LedgerRefusal;

/** The rules of a reservation's lifecycle, as refusals. */
abstract sealed class ReservationRefusal extends LedgerRefusal
        permits ReservationRefusal.NotActive,
                ReservationRefusal.UnknownLine,
                ReservationRefusal.MoreThanHeld,
                ReservationRefusal.ExpiryNotLater,
                ReservationRefusal.NotFound,
                ReservationRefusal.ShipmentConflict {

    private ReservationRefusal(String code, String detail) {
        super(code, detail);
    }

    /** Only a confirmed reservation that still holds stock can be released, fulfilled or extended. */
    static final class NotActive extends ReservationRefusal {
        NotActive(Object reservationId, Object status) {
            super("reservation-not-active", "reservation %s is %s".formatted(reservationId, status));
        }
    }

    /** A release or fulfilment names a position the reservation has no line for. */
    static final class UnknownLine extends ReservationRefusal {
        UnknownLine(Object reservationId, Object positionId) {
            super("unknown-reservation-line", "reservation %s has no line for %s".formatted(reservationId, positionId));
        }
    }

    /** A release or fulfilment asks for more units than the line still holds. */
    static final class MoreThanHeld extends ReservationRefusal {
        MoreThanHeld(Object reservationId, Object positionId, long requested, long held) {
            super(
                    "insufficient-reserved-stock",
                    "reservation %s holds %d units of %s, %d requested"
                            .formatted(reservationId, held, positionId, requested));
        }
    }

    /** A reservation expires in the future, and an extension moves the expiry later. */
    static final class ExpiryNotLater extends ReservationRefusal {
        ExpiryNotLater(Object expiresAt, Object notAfter) {
            super("invalid-expiry", "the expiry %s must be after %s".formatted(expiresAt, notAfter));
        }
    }

    /** Releases, fulfilments and extensions of a reservation that was never placed. */
    static final class NotFound extends ReservationRefusal {
        NotFound(Object reservationId) {
            super("reservation-not-found", "there is no reservation %s".formatted(reservationId));
        }
    }

    /** A shipment id already recorded for this reservation, sent again with other lines. */
    static final class ShipmentConflict extends ReservationRefusal {
        ShipmentConflict(Object reservationId, Object movementId) {
            super(
                    "movement-id-conflict",
                    "shipment %s of reservation %s was recorded with other lines".formatted(movementId, reservationId));
        }
    }
}
