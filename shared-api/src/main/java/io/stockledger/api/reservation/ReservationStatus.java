package io.stockledger.api.reservation;

/** Where a reservation stands. Only a confirmed reservation holds stock. */
public enum ReservationStatus {
    /** Holds stock on every line that is not yet fulfilled or released. */
    CONFIRMED,
    /** Never held anything: at least one line could not be reserved. */
    REJECTED,
    /** Nothing left to hold, and at least one unit was shipped. */
    FULFILLED,
    /** Nothing left to hold, nothing shipped: released by the caller. */
    RELEASED,
    /** Reached its expiry while still holding stock; what it held was released. */
    EXPIRED
}
