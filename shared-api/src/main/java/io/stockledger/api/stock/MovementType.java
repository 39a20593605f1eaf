package io.stockledger.api.stock;

/**
 * The kinds of movement of the brief, the destination's side of a transfer (system-generated), and the movements
 * of reserved stock.
 */
public enum MovementType {
    RECEIPT,
    SHIPMENT,
    ADJUSTMENT,
    COUNT,
    QUARANTINE,
    QUARANTINE_RELEASE,
    DAMAGE,
    WRITE_OFF,
    TRANSFER_OUT,
    /** Units dispatched towards a location by a transfer out elsewhere; recorded by the ledger itself. */
    IN_TRANSIT,
    TRANSFER_IN,
    RETURN,
    SHORT_PICK,
    /** Available units held for a reservation. */
    RESERVATION,
    /** Reserved units given back by the caller. */
    RESERVATION_RELEASE,
    /** Reserved units given back because the reservation expired. */
    RESERVATION_EXPIRY,
    /** Reserved units shipped for their reservation. */
    FULFILMENT
}
