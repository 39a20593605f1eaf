package io.stockledger.api.stock;

import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Quantity;
import org.axonframework.serialization.Revision;

/** Unreserved units left the location. */
@Revision("1")
public record StockShipped(PositionId positionId, Movement movement, Quantity quantity, Balance after)
        implements MovementRecorded {

    @Override
    public Balance change() {
        return Balance.onHand(quantity.negate());
    }
}
