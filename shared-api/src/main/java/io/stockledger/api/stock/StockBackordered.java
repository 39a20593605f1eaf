package io.stockledger.api.stock;

import io.stockledger.api.common.ChannelId;
import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Quantity;
import io.stockledger.api.common.ReservationId;
import org.axonframework.serialization.Revision;

/**
 * {@code quantity} units of a reservation line were beyond available stock and are held as a backorder, as the
 * channel's policy allows; the movement is the reservation's (its id is the reservation id). No stock bucket
 * changes: {@code after} is the buckets as they were, {@code backordered} the backorders after it.
 */
@Revision("1")
public record StockBackordered(
        PositionId positionId,
        Movement movement,
        Quantity quantity,
        ReservationId reservationId,
        ChannelId channel,
        Backordered backordered,
        Balance after)
        implements PositionEvent {}
