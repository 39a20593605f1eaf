package io.stockledger.api.stock;

import io.stockledger.api.common.ChannelId;
import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Quantity;
import io.stockledger.api.common.ReservationId;
import org.axonframework.serialization.Revision;

/**
 * Backordered units of {@code reservationId} were given up, by a release or an expiry of the reservation (its
 * movement). No stock bucket changes; {@code backordered} is the backorders after it.
 */
@Revision("1")
public record BackorderReleased(
        PositionId positionId,
        Movement movement,
        Quantity quantity,
        ReservationId reservationId,
        ChannelId channel,
        Backordered backordered,
        Balance after)
        implements PositionEvent {}
