package io.stockledger.api.stock;

import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Quantity;
import org.axonframework.serialization.Revision;

/** On hand changed by a signed quantity, for the reason code of the movement. */
@Revision("1")
public record StockAdjusted(PositionId positionId, Movement movement, Quantity quantity, Balance after)
        implements MovementRecorded {

    @Override
    public Balance change() {
        return Balance.onHand(quantity);
    }
}
