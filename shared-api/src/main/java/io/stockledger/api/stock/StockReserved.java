package io.stockledger.api.stock;

import io.stockledger.api.common.ChannelId;
import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Quantity;
import io.stockledger.api.common.ReservationId;
import org.axonframework.serialization.Revision;

/** Available units were reserved for {@code reservationId}; the movement id is the reservation id. */
@Revision("1")
public record StockReserved(
        PositionId positionId,
        Movement movement,
        Quantity quantity,
        ReservationId reservationId,
        ChannelId channel,
        Balance after)
        implements MovementRecorded {

    @Override
    public Balance change() {
        return Balance.reserved(quantity);
    }
}
