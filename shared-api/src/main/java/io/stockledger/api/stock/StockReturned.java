package io.stockledger.api.stock;

import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Quantity;
import org.axonframework.serialization.Revision;

/** A customer return: back to stock, or to quarantine for inspection when {@code toQuarantine}. */
@Revision("1")
public record StockReturned(
        PositionId positionId, Movement movement, Quantity quantity, boolean toQuarantine, Balance after)
        implements MovementRecorded {

    @Override
    public Balance change() {
        return toQuarantine ? Balance.onHand(quantity).plus(Balance.quarantined(quantity)) : Balance.onHand(quantity);
    }
}
