package io.stockledger.api.finance;

/**
 * A period's on-hand quantities: opening, the signed movements by kind (inbound positive, outbound negative), closing.
 * Adjustments include counts' differences and short picks; {@code closing = opening + every movement}.
 */
public record QuantityFigures(
        long opening,
        long receipts,
        long shipments,
        long transfersIn,
        long transfersOut,
        long returns,
        long adjustments,
        long writeOffs,
        long closing) {

    public static final QuantityFigures ZERO = new QuantityFigures(0, 0, 0, 0, 0, 0, 0, 0, 0);

    public long movements() {
        return receipts + shipments + transfersIn + transfersOut + returns + adjustments + writeOffs;
    }

    public QuantityFigures plus(QuantityFigures other) {
        return new QuantityFigures(
                opening + other.opening,
                receipts + other.receipts,
                shipments + other.shipments,
                transfersIn + other.transfersIn,
                transfersOut + other.transfersOut,
                returns + other.returns,
                adjustments + other.adjustments,
                writeOffs + other.writeOffs,
                closing + other.closing);
    }
}
