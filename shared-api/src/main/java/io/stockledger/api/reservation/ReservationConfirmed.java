package io.stockledger.api.reservation;

import io.stockledger.api.common.ChannelId;
import io.stockledger.api.common.OrderReference;
import io.stockledger.api.common.Origin;
import io.stockledger.api.common.ReservationId;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** Every line was reserved; the reservation holds them until {@code expiresAt}. */
@Revision("1")
public record ReservationConfirmed(
        ReservationId reservationId,
        ChannelId channel,
        OrderReference orderReference,
        List<ReservationLine> lines,
        Instant expiresAt,
        Origin origin,
        Instant recordedAt)
        implements ReservationEvent {}
