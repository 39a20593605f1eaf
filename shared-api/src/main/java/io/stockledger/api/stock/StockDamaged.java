package io.stockledger.api.stock;

import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Quantity;
import org.axonframework.serialization.Revision;

/**
 * Units were found damaged, taken from the bucket {@code source} names. Revision 2: revision 1 said
 * {@code fromQuarantine: true|false}, which {@link StockDamagedUpcaster} turns into the source.
 */
@Revision("2")
public record StockDamaged(
        PositionId positionId, Movement movement, Quantity quantity, DamageSource source, Balance after)
        implements MovementRecorded {

    public StockDamaged(
            PositionId positionId, Movement movement, Quantity quantity, boolean fromQuarantine, Balance after) {
        this(positionId, movement, quantity, fromQuarantine ? DamageSource.QUARANTINE : DamageSource.AVAILABLE, after);
    }

    public boolean fromQuarantine() {
        return source == DamageSource.QUARANTINE;
    }

    @Override
    public Balance change() {
        return fromQuarantine()
                ? Balance.damaged(quantity).plus(Balance.quarantined(quantity.negate()))
                : Balance.damaged(quantity);
    }
}
