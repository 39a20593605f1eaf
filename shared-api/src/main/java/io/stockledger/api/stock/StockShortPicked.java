package io.stockledger.api.stock;

import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Quantity;
import org.axonframework.serialization.Revision;

/** The warehouse could not find units it expected to pick: on hand goes down (possibly below reserved, never below zero). */
@Revision("1")
public record StockShortPicked(PositionId positionId, Movement movement, Quantity quantity, Balance after)
        implements MovementRecorded {

    @Override
    public Balance change() {
        return Balance.onHand(quantity.negate());
    }
}
