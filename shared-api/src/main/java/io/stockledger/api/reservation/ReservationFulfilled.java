package io.stockledger.api.reservation;

import io.stockledger.api.common.MovementId;
import io.stockledger.api.common.Origin;
import io.stockledger.api.common.ReservationId;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** Reserved units of {@code lines} were shipped by shipment {@code movementId} at {@code occurredAt}. */
@Revision("1")
public record ReservationFulfilled(
        ReservationId reservationId,
        List<ReservationLine> lines,
        MovementId movementId,
        Instant occurredAt,
        Origin origin,
        Instant recordedAt)
        implements ReservationEvent {}
