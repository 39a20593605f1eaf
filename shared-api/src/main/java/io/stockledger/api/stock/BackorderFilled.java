package io.stockledger.api.stock;

import io.stockledger.api.common.ChannelId;
import io.stockledger.api.common.MovementId;
import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Quantity;
import io.stockledger.api.common.ReservationId;
import org.axonframework.serialization.Revision;

/**
 * Stock that became available (a receipt, a return, a release of other reserved units, …) covered {@code quantity}
 * backordered units of {@code reservationId}: they are reserved now. The movement is the reservation's (its id is
 * the reservation id, type {@code RESERVATION}), at the instant {@code causedBy} was recorded and under its origin.
 */
@Revision("1")
public record BackorderFilled(
        PositionId positionId,
        Movement movement,
        Quantity quantity,
        ReservationId reservationId,
        ChannelId channel,
        MovementId causedBy,
        Backordered backordered,
        Balance after)
        implements MovementRecorded {

    @Override
    public Balance change() {
        return Balance.reserved(quantity);
    }
}
