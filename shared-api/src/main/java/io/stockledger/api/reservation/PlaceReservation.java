package io.stockledger.api.reservation;

import io.stockledger.api.common.ChannelId;
import io.stockledger.api.common.OrderReference;
import io.stockledger.api.common.Origin;
import io.stockledger.api.common.ReservationId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Reserve every line for an order, all or nothing, until {@code expiresAt}. Answers the reservation's
 * {@link ReservationState}: confirmed, or rejected with a reason per failing line. Placing an id that exists
 * answers that reservation's current state and changes nothing.
 */
public record PlaceReservation(
        @TargetAggregateIdentifier ReservationId reservationId,
        ChannelId channel,
        OrderReference orderReference,
        List<ReservationLine> lines,
        Instant expiresAt,
        Origin origin) {

    public PlaceReservation {
        Objects.requireNonNull(reservationId, "reservationId is required");
        Objects.requireNonNull(channel, "channel is required");
        Objects.requireNonNull(orderReference, "orderReference is required");
        Objects.requireNonNull(expiresAt, "expiresAt is required");
        Objects.requireNonNull(origin, "origin is required");
        lines = Lines.distinct(lines, false);
    }
}
