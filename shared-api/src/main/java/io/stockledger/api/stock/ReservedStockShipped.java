package io.stockledger.api.stock;

import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Quantity;
import io.stockledger.api.common.ReservationId;
import org.axonframework.serialization.Revision;

/** Units reserved for {@code reservationId} were shipped (the reservation was fulfilled): on hand and reserved go down. */
@Revision("1")
public record ReservedStockShipped(
        PositionId positionId, Movement movement, Quantity quantity, ReservationId reservationId, Balance after)
        implements MovementRecorded {

    @Override
    public Balance change() {
        return Balance.reserved(quantity.negate()).plus(Balance.onHand(quantity.negate()));
    }
}
