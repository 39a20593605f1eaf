package io.stockledger.api.stock;

import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Quantity;
import org.axonframework.serialization.Revision;

/** Units were found damaged, taken from available stock or, when {@code fromQuarantine}, from quarantine. */
@Revision("1")
public record StockDamaged(
        PositionId positionId, Movement movement, Quantity quantity, boolean fromQuarantine, Balance after)
        implements MovementRecorded {

    @Override
    public Balance change() {
        return fromQuarantine
                ? Balance.damaged(quantity).plus(Balance.quarantined(quantity.negate()))
                : Balance.damaged(quantity);
    }
}
