package io.stockledger.api.stock;

/** The bucket damaged units were taken from. */
public enum DamageSource {
    /** Sellable stock: available goes down. */
    AVAILABLE,
    /** Units held in quarantine: quarantined goes down. */
    QUARANTINE
}
