package io.stockledger.api.stock;

import io.stockledger.api.common.MovementId;
import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Quantity;
import io.stockledger.api.common.ReservationId;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * An exception: on hand no longer covers what is reserved and held (after a count, an adjustment or a short pick),
 * or covers it again. {@code shortfall} is how many reserved units the position cannot deliver now (zero when
 * resolved); {@code shortages} says which reservations are short and by how much, the most recent reservations
 * first. {@code causedBy} is the movement that changed it.
 */
@Revision("1")
public record ReservationShortfallChanged(
        PositionId positionId,
        Quantity shortfall,
        List<Shortage> shortages,
        MovementId causedBy,
        Instant recordedAt,
        Balance after)
        implements PositionEvent {

    public ReservationShortfallChanged {
        shortages = List.copyOf(shortages);
    }

    /** A reservation that cannot be delivered in full from this position. */
    public record Shortage(ReservationId reservationId, Quantity quantity) {}
}
