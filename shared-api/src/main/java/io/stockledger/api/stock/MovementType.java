package io.stockledger.api.stock;

/** The kinds of movement of the brief, plus the destination's side of a transfer (system-generated). */
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
    SHORT_PICK
}
