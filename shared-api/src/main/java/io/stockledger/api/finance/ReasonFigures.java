package io.stockledger.api.finance;

import java.math.BigDecimal;

/** The adjustments of one reason code in a period (counts under {@code COUNT}, short picks under {@code SHORT_PICK}). */
public record ReasonFigures(String reason, long quantity, BigDecimal value) {}
