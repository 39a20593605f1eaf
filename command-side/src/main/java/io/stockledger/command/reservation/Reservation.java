package io.stockledger.command.reservation;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.stockledger.api.common.ChannelId;
import io.stockledger.api.common.MovementId;
import io.stockledger.api.common.OrderReference;
import io.stockledger.api.common.Origin;
import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Quantity;
import io.stockledger.api.common.ReservationId;
import io.stockledger.api.reservation.LineRejection;
import io.stockledger.api.reservation.PlaceReservation;
import io.stockledger.api.reservation.ReservationConfirmed;
import io.stockledger.api.reservation.ReservationExpired;
import io.stockledger.api.reservation.ReservationExtended;
import io.stockledger.api.reservation.ReservationFulfilled;
import io.stockledger.api.reservation.ReservationLine;
import io.stockledger.api.reservation.ReservationRejected;
import io.stockledger.api.reservation.ReservationReleased;
import io.stockledger.api.reservation.ReservationState;
import io.stockledger.api.reservation.ReservationStatus;
import io.stockledger.api.stock.MovementHeader;
import io.stockledger.command.reservation.ReservationRefusal.ExpiryNotLater;
import io.stockledger.command.reservation.ReservationRefusal.MoreThanHeld;
import io.stockledger.command.reservation.ReservationRefusal.NotActive;
import io.stockledger.command.reservation.ReservationRefusal.UnknownLine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A reservation: stock held for an order on one or more positions, all or nothing, until it is fulfilled,
 * released or expires. It keeps, per line, what was requested and what is still held; the positions keep the
 * stock. The {@link ReservationDesk} asks it what may happen, moves the stock, then records it here.
 */
@Aggregate(cache = "aggregateCache")
class Reservation {

    @AggregateIdentifier
    private ReservationId reservationId;

    private ReservationStatus status;
    private ChannelId channel;
    private OrderReference orderReference;
    private Instant expiresAt;
    private Origin origin;
    private final Map<PositionId, LineState> lines = new LinkedHashMap<>();
    private List<LineRejection> rejections = List.of();
    /** Every shipment recorded against this reservation, with the lines it shipped. */
    private final Map<MovementId, List<ReservationLine>> fulfilments = new HashMap<>();

    Reservation() {
        // for Axon
    }

    /** Records the outcome of placing a reservation: confirmed, or rejected with a reason per failing line. */
    Reservation(PlaceReservation command, List<LineRejection> rejections, Instant askedAt, Instant now) {
        requireFutureExpiry(command.expiresAt(), askedAt);
        if (rejections.isEmpty()) {
            apply(new ReservationConfirmed(
                    command.reservationId(),
                    command.channel(),
                    command.orderReference(),
                    command.lines(),
                    command.expiresAt(),
                    command.origin(),
                    now));
        } else {
            apply(new ReservationRejected(
                    command.reservationId(),
                    command.channel(),
                    command.orderReference(),
                    command.lines(),
                    rejections,
                    command.origin(),
                    now));
        }
    }

    /** The placing of a reservation must be refused outright, before any stock is looked at. */
    static void requireFutureExpiry(Instant expiresAt, Instant now) {
        if (!expiresAt.isAfter(now)) {
            throw new ExpiryNotLater(expiresAt, now);
        }
    }

    /** Where the reservation came from: an expiry is recorded under the same origin. */
    Origin origin() {
        return origin;
    }

    /**
     * The units a release or fulfilment of {@code requested} concerns: every line as asked, or, when nothing is
     * asked, everything still held. Refused unless the reservation is active and holds that much on each line.
     */
    List<ReservationLine> heldFor(List<ReservationLine> requested) {
        requireActive();
        if (requested.isEmpty()) {
            return stillHeld();
        }
        for (ReservationLine line : requested) {
            LineState state = lines.get(line.positionId());
            if (state == null) {
                throw new UnknownLine(reservationId, line.positionId());
            }
            if (line.quantity().isGreaterThan(state.held())) {
                throw new MoreThanHeld(
                        reservationId,
                        line.positionId(),
                        line.quantity().units(),
                        state.held().units());
            }
        }
        return requested;
    }

    void release(List<ReservationLine> released, Origin origin, Instant now) {
        apply(new ReservationReleased(reservationId, released, origin, now));
    }

    /**
     * Whether shipment {@code movementId} is already recorded here: then it is not recorded twice. The same
     * shipment id with other lines is refused.
     */
    boolean hasFulfilment(MovementId movementId, List<ReservationLine> requested) {
        List<ReservationLine> shipped = fulfilments.get(movementId);
        if (shipped == null) {
            return false;
        }
        if (!requested.isEmpty() && !Set.copyOf(requested).equals(Set.copyOf(shipped))) {
            throw new ReservationRefusal.ShipmentConflict(reservationId, movementId);
        }
        return true;
    }

    void fulfil(List<ReservationLine> shipped, MovementHeader shipment, Instant now) {
        apply(new ReservationFulfilled(
                reservationId, shipped, shipment.movementId(), shipment.occurredAt(), shipment.origin(), now));
    }

    void extend(Instant newExpiry, Origin origin, Instant now) {
        requireActive();
        Instant notBefore = expiresAt.isAfter(now) ? expiresAt : now;
        if (!newExpiry.isAfter(notBefore)) {
            throw new ExpiryNotLater(newExpiry, notBefore);
        }
        apply(new ReservationExtended(reservationId, expiresAt, newExpiry, origin, now));
    }

    /** What an expiry at {@code now} releases: everything still held once the expiry has passed, else nothing. */
    List<ReservationLine> dueAt(Instant now) {
        if (status != ReservationStatus.CONFIRMED || expiresAt.isAfter(now)) {
            return List.of();
        }
        return stillHeld();
    }

    void expire(List<ReservationLine> released, Instant now) {
        apply(new ReservationExpired(reservationId, released, expiresAt, now));
    }

    ReservationState state() {
        List<ReservationState.Line> view = lines.entrySet().stream()
                .map(entry -> new ReservationState.Line(
                        entry.getKey(),
                        entry.getValue().requested(),
                        entry.getValue().held(),
                        entry.getValue().fulfilled(),
                        entry.getValue().released(),
                        Quantity.ZERO))
                .toList();
        return new ReservationState(reservationId, status, channel, orderReference, expiresAt, view, rejections);
    }

    private void requireActive() {
        if (status != ReservationStatus.CONFIRMED) {
            throw new NotActive(reservationId, status);
        }
    }

    private List<ReservationLine> stillHeld() {
        List<ReservationLine> held = new ArrayList<>();
        lines.forEach((positionId, state) -> {
            if (state.held().isPositive()) {
                held.add(new ReservationLine(positionId, state.held()));
            }
        });
        return held;
    }

    // --- state -------------------------------------------------------------------------------------------------

    @EventSourcingHandler
    void on(ReservationConfirmed event) {
        reservationId = event.reservationId();
        status = ReservationStatus.CONFIRMED;
        channel = event.channel();
        orderReference = event.orderReference();
        expiresAt = event.expiresAt();
        origin = event.origin();
        event.lines().forEach(line -> lines.put(line.positionId(), LineState.of(line.quantity())));
    }

    @EventSourcingHandler
    void on(ReservationRejected event) {
        reservationId = event.reservationId();
        status = ReservationStatus.REJECTED;
        channel = event.channel();
        orderReference = event.orderReference();
        rejections = event.rejections();
        origin = event.origin();
        event.lines().forEach(line -> lines.put(line.positionId(), LineState.rejected(line.quantity())));
    }

    @EventSourcingHandler
    void on(ReservationReleased event) {
        event.lines().forEach(line -> lines.computeIfPresent(line.positionId(), (id, s) -> s.release(line.quantity())));
        status = settledStatus(ReservationStatus.RELEASED);
    }

    @EventSourcingHandler
    void on(ReservationFulfilled event) {
        fulfilments.put(event.movementId(), event.lines());
        event.lines().forEach(line -> lines.computeIfPresent(line.positionId(), (id, s) -> s.ship(line.quantity())));
        status = settledStatus(ReservationStatus.FULFILLED);
    }

    @EventSourcingHandler
    void on(ReservationExtended event) {
        expiresAt = event.expiresAt();
    }

    @EventSourcingHandler
    void on(ReservationExpired event) {
        event.lines().forEach(line -> lines.computeIfPresent(line.positionId(), (id, s) -> s.release(line.quantity())));
        status = ReservationStatus.EXPIRED;
    }

    /** Still confirmed while anything is held; once nothing is, fulfilled if anything shipped, else {@code ended}. */
    private ReservationStatus settledStatus(ReservationStatus ended) {
        boolean holding = lines.values().stream().anyMatch(line -> line.held().isPositive());
        if (holding) {
            return ReservationStatus.CONFIRMED;
        }
        boolean shipped =
                lines.values().stream().anyMatch(line -> line.fulfilled().isPositive());
        return shipped ? ReservationStatus.FULFILLED : ended;
    }

    /** One line: requested, and how much of it is still held, fulfilled and released. */
    private record LineState(Quantity requested, Quantity held, Quantity fulfilled, Quantity released) {

        static LineState of(Quantity requested) {
            return new LineState(requested, requested, Quantity.ZERO, Quantity.ZERO);
        }

        static LineState rejected(Quantity requested) {
            return new LineState(requested, Quantity.ZERO, Quantity.ZERO, Quantity.ZERO);
        }

        LineState release(Quantity quantity) {
            return new LineState(requested, held.minus(quantity), fulfilled, released.plus(quantity));
        }

        LineState ship(Quantity quantity) {
            return new LineState(requested, held.minus(quantity), fulfilled.plus(quantity), released);
        }
    }
}
