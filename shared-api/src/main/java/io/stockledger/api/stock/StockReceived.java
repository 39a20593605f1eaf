package io.stockledger.api.stock;

import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Quantity;
import java.math.BigDecimal;
import org.axonframework.serialization.Revision;

/** Units arrived at the location (a goods receipt); {@code unitCost} is null when the receipt carries no cost. */
@Revision("1")
public record StockReceived(
        PositionId positionId, Movement movement, Quantity quantity, BigDecimal unitCost, Balance after)
        implements MovementRecorded {

    @Override
    public Balance change() {
        return Balance.onHand(quantity);
    }
}
