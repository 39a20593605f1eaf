package io.stockledger.api.finance;

/** Verify every period balance row: opening = previous closing, opening + movements = closing (quantity and value). */
public record CheckRollForward() {}
