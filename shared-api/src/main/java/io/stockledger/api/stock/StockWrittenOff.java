package io.stockledger.api.stock;

import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Quantity;
import org.axonframework.serialization.Revision;

/** Damaged units were written off: they leave on hand. */
@Revision("1")
public record StockWrittenOff(PositionId positionId, Movement movement, Quantity quantity, Balance after)
        implements MovementRecorded {

    @Override
    public Balance change() {
        return Balance.damaged(quantity.negate()).plus(Balance.onHand(quantity.negate()));
    }
}
