package io.stockledger.api.stock;

import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Quantity;
import io.stockledger.api.common.ReservationId;
import org.axonframework.serialization.Revision;

/** Units reserved for {@code reservationId} were given back to available stock: released by the caller, or expired. */
@Revision("1")
public record ReservedStockReleased(
        PositionId positionId, Movement movement, Quantity quantity, ReservationId reservationId, Balance after)
        implements MovementRecorded {

    @Override
    public Balance change() {
        return Balance.reserved(quantity.negate());
    }
}
