package io.stockledger.query.finance;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A position's quantity and value after a movement, at moving average cost. The rounding rule: every amount is
 * rounded to the currency's fraction digits, half-even; the average unit cost is kept to 6 decimals, half-even.
 *
 * <ul>
 *   <li>an inbound movement with a unit cost (a receipt that carries one) adds quantity × unit cost and sets the
 *       average to value ÷ quantity;
 *   <li>a transfer in adds the amount its transfer out took from the source (its share of it, when the transfer is
 *       received in parts) and sets the average to value ÷ quantity ({@link #bring});
 *   <li>any other inbound movement (a receipt without cost, a return, a positive adjustment or count difference) is
 *       valued at the current average, which it leaves as it is;
 *   <li>an outbound movement is valued at the current average; one that empties the position takes its whole
 *       remaining value, so no rounding residue is left behind.
 * </ul>
 *
 * The closing value of a period is therefore exactly its opening plus the sum of its movements' amounts.
 */
record CostState(long quantity, BigDecimal value, BigDecimal averageCost) {

    static final int AVERAGE_SCALE = 6;
    static final CostState ZERO = new CostState(0, BigDecimal.ZERO, BigDecimal.ZERO);

    /** The amount of a movement of {@code change} units (signed) and the state after it. */
    Valued apply(long change, BigDecimal unitCost, int scale) {
        long after = quantity + change;
        BigDecimal amount;
        BigDecimal average = averageCost;
        if (change > 0 && unitCost != null) {
            amount = unitCost.multiply(BigDecimal.valueOf(change)).setScale(scale, RoundingMode.HALF_EVEN);
            BigDecimal valueAfter = value.add(amount);
            average = after > 0
                    ? valueAfter.divide(BigDecimal.valueOf(after), AVERAGE_SCALE, RoundingMode.HALF_EVEN)
                    : unitCost.setScale(AVERAGE_SCALE, RoundingMode.HALF_EVEN);
        } else if (change < 0 && after == 0) {
            amount = value.negate();
        } else {
            amount = averageCost.multiply(BigDecimal.valueOf(change)).setScale(scale, RoundingMode.HALF_EVEN);
        }
        return new Valued(amount, new CostState(after, value.add(amount), average));
    }

    /**
     * A movement of {@code change} units (signed) at a given {@code amount}, not at a unit cost or the average: a
     * transfer in at what its source issued, or a transfer out whose value a closed period holds fixed. The average
     * becomes value ÷ quantity (kept as it was when nothing is left).
     */
    Valued bring(long change, BigDecimal amount) {
        long after = quantity + change;
        BigDecimal valueAfter = value.add(amount);
        BigDecimal average = averageCost;
        if (after > 0) {
            average = valueAfter.divide(BigDecimal.valueOf(after), AVERAGE_SCALE, RoundingMode.HALF_EVEN);
        } else if (change > 0) {
            average = amount.divide(BigDecimal.valueOf(change), AVERAGE_SCALE, RoundingMode.HALF_EVEN);
        }
        return new Valued(amount, new CostState(after, valueAfter, average));
    }

    /** A movement's amount (signed like its quantity) and the position's state after it. */
    record Valued(BigDecimal amount, CostState after) {}
}
