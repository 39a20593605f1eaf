package io.stockledger.query.reservation;

import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.ReservationId;
import io.stockledger.api.reservation.LineRejection;
import io.stockledger.api.reservation.ReservationConfirmed;
import io.stockledger.api.reservation.ReservationExpired;
import io.stockledger.api.reservation.ReservationExtended;
import io.stockledger.api.reservation.ReservationFulfilled;
import io.stockledger.api.reservation.ReservationLine;
import io.stockledger.api.reservation.ReservationRejected;
import io.stockledger.api.reservation.ReservationReleased;
import io.stockledger.api.reservation.ReservationStatus;
import io.stockledger.api.reservation.ReservationView;
import io.stockledger.api.reservation.ReservationView.Line;
import io.stockledger.api.reservation.ReservationView.Rejection;
import io.stockledger.api.stock.BackorderFilled;
import io.stockledger.api.stock.BackorderReleased;
import io.stockledger.api.stock.ReservationShortfallChanged;
import io.stockledger.api.stock.StockBackordered;
import io.stockledger.query.eventlog.EventLog;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Keeps every reservation as its events leave it: the status and per line what is still reserved, fulfilled,
 * released and short, and how much of it is backordered (as its position's backorder events say). The status rules mirror the reservation aggregate's; a reservation's own events are applied
 * once each (its aggregate sequence number decides), and so is each position's reservation shortfall (the position's
 * sequence number decides).
 */
@Component
@ProcessingGroup(ReservationProjection.PROCESSING_GROUP)
class ReservationProjection {

    static final String PROCESSING_GROUP = "reservations";

    private final ReservationRows rows;

    ReservationProjection(ReservationRows rows) {
        this.rows = rows;
    }

    @EventHandler
    void on(ReservationConfirmed event, @SequenceNumber long sequence, TrackingToken token) {
        List<Line> lines = event.lines().stream()
                .map(line -> line(line, line.quantity().units()))
                .toList();
        place(
                new ReservationView(
                        event.reservationId().value(),
                        ReservationStatus.CONFIRMED,
                        event.channel().value(),
                        event.orderReference().value(),
                        event.expiresAt(),
                        event.recordedAt(),
                        event.recordedAt(),
                        lines,
                        List.of(),
                        globalPosition(token)),
                sequence);
    }

    /** A rejected reservation never held anything and has no expiry; it keeps why each failing line was refused. */
    @EventHandler
    void on(ReservationRejected event, @SequenceNumber long sequence, TrackingToken token) {
        List<Line> lines = event.lines().stream().map(line -> line(line, 0)).toList();
        List<Rejection> rejections = event.rejections().stream()
                .map(ReservationProjection::rejection)
                .toList();
        place(
                new ReservationView(
                        event.reservationId().value(),
                        ReservationStatus.REJECTED,
                        event.channel().value(),
                        event.orderReference().value(),
                        null,
                        event.recordedAt(),
                        event.recordedAt(),
                        lines,
                        rejections,
                        globalPosition(token)),
                sequence);
    }

    @EventHandler
    void on(ReservationReleased event, @SequenceNumber long sequence, TrackingToken token) {
        change(event.reservationId(), sequence, token, event.recordedAt(), reservation -> {
            List<Line> lines = given(reservation.lines(), event.lines(), ReservationProjection::release);
            return with(reservation, settledStatus(lines, ReservationStatus.RELEASED), reservation.expiresAt(), lines);
        });
    }

    @EventHandler
    void on(ReservationFulfilled event, @SequenceNumber long sequence, TrackingToken token) {
        change(event.reservationId(), sequence, token, event.recordedAt(), reservation -> {
            List<Line> lines = given(reservation.lines(), event.lines(), ReservationProjection::ship);
            return with(reservation, settledStatus(lines, ReservationStatus.FULFILLED), reservation.expiresAt(), lines);
        });
    }

    @EventHandler
    void on(ReservationExtended event, @SequenceNumber long sequence, TrackingToken token) {
        change(
                event.reservationId(),
                sequence,
                token,
                event.recordedAt(),
                reservation -> with(reservation, reservation.status(), event.expiresAt(), reservation.lines()));
    }

    @EventHandler
    void on(ReservationExpired event, @SequenceNumber long sequence, TrackingToken token) {
        change(event.reservationId(), sequence, token, event.recordedAt(), reservation -> {
            List<Line> lines = given(reservation.lines(), event.lines(), ReservationProjection::release);
            return with(reservation, ReservationStatus.EXPIRED, reservation.expiresAt(), lines);
        });
    }

    /**
     * A position's reservation shortfall changed: the reservations it names are short by what it says there, every
     * other reservation still holding stock there is not short there (any more).
     */
    @EventHandler
    void on(ReservationShortfallChanged event, @SequenceNumber long sequence, TrackingToken token) {
        PositionId position = event.positionId();
        if (!rows.isNewShortfall(position, event.shortfall().units(), sequence)) {
            return;
        }
        Map<String, Long> shortBy = new LinkedHashMap<>();
        event.shortages()
                .forEach(shortage -> shortBy.put(
                        shortage.reservationId().value(), shortage.quantity().units()));
        rows.setShortQuantities(position, shortBy, globalPosition(token), event.recordedAt());
    }

    /**
     * A position's backorder event: how many units of the reservation are backordered there now. The position's
     * sequence number decides which event is the latest, whichever way the reservation's own events interleave.
     */
    @EventHandler
    void on(StockBackordered event, @SequenceNumber long sequence) {
        rows.backordered(
                event.reservationId().value(),
                event.positionId(),
                event.backordered().reservation().units(),
                sequence);
    }

    @EventHandler
    void on(BackorderFilled event, @SequenceNumber long sequence) {
        rows.backordered(
                event.reservationId().value(),
                event.positionId(),
                event.backordered().reservation().units(),
                sequence);
    }

    @EventHandler
    void on(BackorderReleased event, @SequenceNumber long sequence) {
        rows.backordered(
                event.reservationId().value(),
                event.positionId(),
                event.backordered().reservation().units(),
                sequence);
    }

    // --- the reservation aggregate's rules, as its events tell them ---------------------------------------------

    /**
     * Still confirmed while any line holds units; once none does, fulfilled if any unit was shipped, else
     * {@code ended}. The reservation aggregate's own rule ({@code Reservation.settledStatus}), applied to the lines.
     */
    private static ReservationStatus settledStatus(List<Line> lines, ReservationStatus ended) {
        boolean holding = lines.stream().anyMatch(line -> line.reserved() > 0);
        if (holding) {
            return ReservationStatus.CONFIRMED;
        }
        boolean shipped = lines.stream().anyMatch(line -> line.fulfilled() > 0);
        return shipped ? ReservationStatus.FULFILLED : ended;
    }

    /** The lines after giving back {@code given}; like the aggregate, a position the reservation lacks is ignored. */
    private static List<Line> given(List<Line> lines, List<ReservationLine> given, BiFunction<Line, Long, Line> how) {
        Map<PositionId, Long> quantities = new LinkedHashMap<>();
        given.forEach(
                line -> quantities.merge(line.positionId(), line.quantity().units(), Long::sum));
        return lines.stream()
                .map(line -> {
                    Long quantity = quantities.get(PositionId.of(line.sku(), line.location()));
                    return quantity == null ? line : how.apply(line, quantity);
                })
                .toList();
    }

    private static Line release(Line line, long quantity) {
        long reserved = line.reserved() - quantity;
        return new Line(
                line.sku(),
                line.location(),
                line.requested(),
                reserved,
                line.fulfilled(),
                line.released() + quantity,
                shortOf(line, reserved));
    }

    private static Line ship(Line line, long quantity) {
        long reserved = line.reserved() - quantity;
        return new Line(
                line.sku(),
                line.location(),
                line.requested(),
                reserved,
                line.fulfilled() + quantity,
                line.released(),
                shortOf(line, reserved));
    }

    /**
     * A line is never short by more than it still holds. The ledger restates a position's shortages only when its
     * shortfall changes, and shipping reserved units does not change it; a line that gave its units back is not
     * short any more, whatever the position said before.
     */
    private static long shortOf(Line line, long reserved) {
        return Math.max(0, Math.min(line.shortQuantity(), reserved));
    }

    // --- plumbing ----------------------------------------------------------------------------------------------

    private void place(ReservationView reservation, long sequence) {
        if (rows.lastSequence(reservation.reservationId()).isPresent()) {
            return;
        }
        rows.insert(reservation, sequence);
    }

    /**
     * Applies an event to a reservation unless it was applied already. A reservation's events follow its placing in
     * the log, so one that is not known here means the log or this projection is broken: the processor stops on it
     * (retrying and reporting) rather than skip it.
     */
    private void change(
            ReservationId reservationId,
            long sequence,
            TrackingToken token,
            Instant recordedAt,
            UnaryOperator<ReservationView> change) {
        String id = reservationId.value();
        long applied = rows.lastSequence(id)
                .orElseThrow(() -> new IllegalStateException(
                        "event " + sequence + " of reservation " + id + " arrived before the reservation was placed"));
        if (sequence <= applied) {
            return;
        }
        ReservationView current = rows.held(id).orElseThrow();
        ReservationView changed = change.apply(current);
        rows.update(
                new ReservationView(
                        changed.reservationId(),
                        changed.status(),
                        changed.channel(),
                        changed.orderReference(),
                        changed.expiresAt(),
                        changed.placedAt(),
                        recordedAt,
                        changed.lines(),
                        changed.rejections(),
                        globalPosition(token)),
                sequence);
    }

    private static ReservationView with(
            ReservationView reservation, ReservationStatus status, Instant expiresAt, List<Line> lines) {
        return new ReservationView(
                reservation.reservationId(),
                status,
                reservation.channel(),
                reservation.orderReference(),
                expiresAt,
                reservation.placedAt(),
                reservation.updatedAt(),
                lines,
                reservation.rejections(),
                reservation.eventPosition());
    }

    private static Line line(ReservationLine line, long reserved) {
        PositionId position = line.positionId();
        return new Line(
                position.sku().value(),
                position.location().value(),
                line.quantity().units(),
                reserved,
                0,
                0,
                0);
    }

    private static Rejection rejection(LineRejection rejection) {
        return new Rejection(
                rejection.positionId().sku().value(),
                rejection.positionId().location().value(),
                rejection.requested().units(),
                rejection.available().units(),
                rejection.reason());
    }

    /**
     * The event's own global index, as the positions take it. Not its token's position: a gap-aware token's position
     * may already be past an event that commits late, filling a gap, so the live processor recorded a later position
     * than a replay of the same log (a rebuild during a load run reported those reservations as differing).
     */
    private static long globalPosition(TrackingToken token) {
        Object own = CurrentUnitOfWork.isStarted()
                ? CurrentUnitOfWork.get().getMessage().getMetaData().get(EventLog.GLOBAL_INDEX)
                : null;
        return EventLog.globalIndex(own == null ? null : own.toString(), token);
    }
}
