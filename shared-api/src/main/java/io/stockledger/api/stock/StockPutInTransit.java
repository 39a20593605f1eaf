package io.stockledger.api.stock;

import io.stockledger.api.common.LocationId;
import io.stockledger.api.common.MovementId;
import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Quantity;
import org.axonframework.serialization.Revision;

/** Units dispatched from {@code source} by transfer {@code transferId} are on their way here. Recorded by the ledger itself, with the metadata of the transfer out. */
@Revision("1")
public record StockPutInTransit(
        PositionId positionId,
        Movement movement,
        Quantity quantity,
        LocationId source,
        MovementId transferId,
        Balance after)
        implements MovementRecorded {

    @Override
    public Balance change() {
        return Balance.inTransit(quantity);
    }
}
