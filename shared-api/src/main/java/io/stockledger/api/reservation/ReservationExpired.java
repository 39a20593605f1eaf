package io.stockledger.api.reservation;

import io.stockledger.api.common.ReservationId;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** The reservation reached its expiry holding {@code lines}; they were released. */
@Revision("1")
public record ReservationExpired(
        ReservationId reservationId, List<ReservationLine> lines, Instant expiresAt, Instant recordedAt)
        implements ReservationEvent {}
