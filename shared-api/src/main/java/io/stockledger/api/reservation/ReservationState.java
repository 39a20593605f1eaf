package io.stockledger.api.reservation;

import io.stockledger.api.common.ChannelId;
import io.stockledger.api.common.OrderReference;
import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Quantity;
import io.stockledger.api.common.ReservationId;
import java.time.Instant;
import java.util.List;

/**
 * A reservation as its aggregate knows it, answered by every reservation command: status, expiry, per line what
 * was requested and what is still held, fulfilled and released, and for a rejected one why.
 */
public record ReservationState(
        ReservationId reservationId,
        ReservationStatus status,
        ChannelId channel,
        OrderReference orderReference,
        Instant expiresAt,
        List<Line> lines,
        List<LineRejection> rejections) {

    /** One position of the reservation. */
    public record Line(
            PositionId positionId, Quantity requested, Quantity reserved, Quantity fulfilled, Quantity released) {}
}
