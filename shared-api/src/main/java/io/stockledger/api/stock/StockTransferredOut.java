package io.stockledger.api.stock;

import io.stockledger.api.common.LocationId;
import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Quantity;
import org.axonframework.serialization.Revision;

/** Units left for another location; they are in transit there until received. The movement id is the transfer id. */
@Revision("1")
public record StockTransferredOut(
        PositionId positionId, Movement movement, Quantity quantity, LocationId destination, Balance after)
        implements MovementRecorded {

    @Override
    public Balance change() {
        return Balance.onHand(quantity.negate());
    }
}
