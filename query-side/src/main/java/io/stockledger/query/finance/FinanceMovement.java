package io.stockledger.query.finance;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;

/**
 * One on-hand movement as finance books it: its period and the instant it is booked at (its business time, or the
 * first instant of the first open period when it was dated inside a closed one: {@code late}), its signed quantity,
 * the unit cost it brings (null when valued at the average) and its amount with the position's state after it. A
 * transfer out and its transfers in name their transfer ({@code transferId}, the transfer out's movement id).
 */
record FinanceMovement(
        String sku,
        String location,
        long globalIndex,
        String movementId,
        Category category,
        String reason,
        Instant occurredAt,
        Instant bookedAt,
        YearMonth period,
        boolean late,
        long quantity,
        BigDecimal unitCost,
        BigDecimal amount,
        CostState after,
        String transferId) {

    /** A transfer in whose value is fixed by its transfer out: its amount is its share of what the source issued. */
    boolean atTransferValue() {
        return category == Category.TRANSFER_IN && unitCost != null;
    }

    FinanceMovement revalued(BigDecimal newUnitCost, BigDecimal newAmount, CostState newAfter) {
        return new FinanceMovement(
                sku,
                location,
                globalIndex,
                movementId,
                category,
                reason,
                occurredAt,
                bookedAt,
                period,
                late,
                quantity,
                newUnitCost,
                newAmount,
                newAfter,
                transferId);
    }
}
