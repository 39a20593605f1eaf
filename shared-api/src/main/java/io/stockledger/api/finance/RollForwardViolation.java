package io.stockledger.api.finance;

import java.time.YearMonth;

/** A row that breaks a roll-forward rule: which rule, and the figures that disagree. */
public record RollForwardViolation(
        String sku, String location, YearMonth period, String rule, String expected, String actual) {}
