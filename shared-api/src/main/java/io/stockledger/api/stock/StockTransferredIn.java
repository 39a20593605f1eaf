package io.stockledger.api.stock;

import io.stockledger.api.common.MovementId;
import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Quantity;
import org.axonframework.serialization.Revision;

/** Units of transfer {@code transferId} arrived: in transit becomes on hand. */
@Revision("1")
public record StockTransferredIn(
        PositionId positionId, Movement movement, Quantity quantity, MovementId transferId, Balance after)
        implements MovementRecorded {

    @Override
    public Balance change() {
        return Balance.inTransit(quantity.negate()).plus(Balance.onHand(quantity));
    }
}
