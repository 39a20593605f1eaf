package io.stockledger.api.stock;

import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Quantity;
import org.axonframework.serialization.Revision;

/** A physical count set on hand to {@code quantity} at its business time; {@code difference} is counted minus the balance just before the count, as recorded (later recomputations are {@link CountDifferenceRecomputed}). */
@Revision("1")
public record StockCounted(
        PositionId positionId, Movement movement, Quantity quantity, Quantity difference, Balance after)
        implements MovementRecorded {

    @Override
    public Balance change() {
        return Balance.onHand(difference);
    }
}
