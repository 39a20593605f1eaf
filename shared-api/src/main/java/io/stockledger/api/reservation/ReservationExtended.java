package io.stockledger.api.reservation;

import io.stockledger.api.common.Origin;
import io.stockledger.api.common.ReservationId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The reservation now expires at {@code expiresAt} (it was {@code previousExpiry}). */
@Revision("1")
public record ReservationExtended(
        ReservationId reservationId, Instant previousExpiry, Instant expiresAt, Origin origin, Instant recordedAt)
        implements ReservationEvent {}
