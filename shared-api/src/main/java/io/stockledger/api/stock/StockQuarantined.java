package io.stockledger.api.stock;

import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Quantity;
import org.axonframework.serialization.Revision;

/** Available units were put on hold (quality control, inspection). */
@Revision("1")
public record StockQuarantined(PositionId positionId, Movement movement, Quantity quantity, Balance after)
        implements MovementRecorded {

    @Override
    public Balance change() {
        return Balance.quarantined(quantity);
    }
}
