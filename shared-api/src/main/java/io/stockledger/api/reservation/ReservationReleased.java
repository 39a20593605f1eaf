package io.stockledger.api.reservation;

import io.stockledger.api.common.Origin;
import io.stockledger.api.common.ReservationId;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** The caller gave {@code lines} back (a whole reservation, whole lines or parts of them). */
@Revision("1")
public record ReservationReleased(
        ReservationId reservationId, List<ReservationLine> lines, Origin origin, Instant recordedAt)
        implements ReservationEvent {}
