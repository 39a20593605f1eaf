package io.stockledger.api.finance;

import java.math.BigDecimal;

/** The same figures as {@link QuantityFigures}, in value at moving average cost, in the ledger currency. */
public record ValueFigures(
        BigDecimal opening,
        BigDecimal receipts,
        BigDecimal shipments,
        BigDecimal transfersIn,
        BigDecimal transfersOut,
        BigDecimal returns,
        BigDecimal adjustments,
        BigDecimal writeOffs,
        BigDecimal closing) {

    public BigDecimal movements() {
        return receipts.add(shipments)
                .add(transfersIn)
                .add(transfersOut)
                .add(returns)
                .add(adjustments)
                .add(writeOffs);
    }

    public ValueFigures plus(ValueFigures other) {
        return new ValueFigures(
                opening.add(other.opening),
                receipts.add(other.receipts),
                shipments.add(other.shipments),
                transfersIn.add(other.transfersIn),
                transfersOut.add(other.transfersOut),
                returns.add(other.returns),
                adjustments.add(other.adjustments),
                writeOffs.add(other.writeOffs),
                closing.add(other.closing));
    }
}
