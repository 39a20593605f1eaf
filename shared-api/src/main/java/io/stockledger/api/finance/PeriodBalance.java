package io.stockledger.api.finance;

import java.time.YearMonth;
import java.util.List;

/**
 * One position's balance in one period, or a total over positions ({@code sku} and/or {@code location} null). A
 * position without movements in the period carries its previous closing as opening and closing.
 */
public record PeriodBalance(
        String sku,
        String location,
        YearMonth period,
        QuantityFigures quantity,
        ValueFigures value,
        List<ReasonFigures> adjustmentsByReason) {

    public PeriodBalance {
        adjustmentsByReason = List.copyOf(adjustmentsByReason);
    }
}
