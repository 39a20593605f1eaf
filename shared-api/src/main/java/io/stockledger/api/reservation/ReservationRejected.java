package io.stockledger.api.reservation;

import io.stockledger.api.common.ChannelId;
import io.stockledger.api.common.OrderReference;
import io.stockledger.api.common.Origin;
import io.stockledger.api.common.ReservationId;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** At least one line could not be reserved, so none was: the refusal is on record, with a reason per line. */
@Revision("1")
public record ReservationRejected(
        ReservationId reservationId,
        ChannelId channel,
        OrderReference orderReference,
        List<ReservationLine> lines,
        List<LineRejection> rejections,
        Origin origin,
        Instant recordedAt)
        implements ReservationEvent {}
