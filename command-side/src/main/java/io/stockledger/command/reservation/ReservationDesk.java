package io.stockledger.command.reservation;

import io.stockledger.api.common.MovementId;
import io.stockledger.api.common.Origin;
import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Quantity;
import io.stockledger.api.common.ReservationId;
import io.stockledger.api.reservation.ExpireReservation;
import io.stockledger.api.reservation.ExtendReservation;
import io.stockledger.api.reservation.FulfilReservation;
import io.stockledger.api.reservation.LineRejection;
import io.stockledger.api.reservation.PlaceReservation;
import io.stockledger.api.reservation.ReleaseReservation;
import io.stockledger.api.reservation.ReservationLine;
import io.stockledger.api.reservation.ReservationState;
import io.stockledger.api.reservation.ReservationStatus;
import io.stockledger.api.stock.Movement;
import io.stockledger.api.stock.MovementType;
import io.stockledger.command.stock.PositionReservations;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Handles every reservation command in one unit of work with the positions it touches, so that a reservation
 * and its stock always change together: all lines are held or none, and what a release, fulfilment or expiry
 * gives back leaves every position in the same transaction. The rules themselves live in {@link Reservation} and
 * the stock position; this class only puts them in order.
 */
@Component
class ReservationDesk {

    private final Repository<Reservation> reservations;
    private final PositionReservations positions;
    private final Backorders backorders;
    /** Metadata of a {@code PlaceReservation}: when the ledger received the request (ISO-8601 instant). */
    static final String REQUESTED_AT = "requestedAt";

    private final Clock clock;
    private final TransactionManager transactions;

    ReservationDesk(
            Repository<Reservation> reservations,
            PositionReservations positions,
            Backorders backorders,
            Clock clock,
            TransactionManager transactions) {
        this.reservations = reservations;
        this.positions = positions;
        this.backorders = backorders;
        this.clock = clock;
        this.transactions = transactions;
    }

    /**
     * Confirms or rejects a new reservation; an existing one answers its current state and changes nothing. Its expiry must be later than the moment the ledger received the request ({@value
     * #REQUESTED_AT} in the metadata, set by the HTTP edge; the handling time when absent): a request handled late,
     * after lost races were retried or behind a busy instance, is judged by when it was asked, not by when its last
     * attempt ran. A reservation whose expiry passed in between is confirmed and then expires by itself.
     */
    @CommandHandler
    ReservationState handle(PlaceReservation command, @MetaDataValue(REQUESTED_AT) String requestedAt)
            throws Exception {
        Optional<Aggregate<Reservation>> existing = find(command.reservationId());
        if (existing.isPresent()) {
            return answered(existing.get());
        }
        Instant now = clock.instant();
        Instant askedAt = requestedAt == null ? now : Instant.parse(requestedAt);
        Reservation.requireFutureExpiry(command.expiresAt(), askedAt);
        PositionReservations.Allowance allowance = backorders.of(command.channel());
        List<LineRejection> rejections = positions.check(command.channel(), command.lines(), allowance);
        if (rejections.isEmpty()) {
            positions.reserve(
                    command.reservationId(),
                    command.channel(),
                    command.lines(),
                    allowance,
                    movement(command.reservationId(), MovementType.RESERVATION, now, command.origin()));
        }
        return answered(reservations.newInstance(() -> new Reservation(command, rejections, askedAt, now)));
    }

    @CommandHandler
    ReservationState handle(ReleaseReservation command) {
        Aggregate<Reservation> reservation = existing(command.reservationId());
        List<ReservationLine> released = reservation.invoke(r -> r.heldFor(command.lines()));
        Instant now = clock.instant();
        positions.release(
                command.reservationId(),
                released,
                movement(command.reservationId(), MovementType.RESERVATION_RELEASE, now, command.origin()));
        reservation.execute(r -> r.release(released, command.origin(), now));
        return answered(reservation);
    }

    @CommandHandler
    ReservationState handle(FulfilReservation command) {
        Aggregate<Reservation> reservation = existing(command.reservationId());
        if (reservation.invoke(r -> r.hasFulfilment(command.header().movementId(), command.lines()))) {
            return answered(reservation);
        }
        List<ReservationLine> held = reservation.invoke(r -> r.heldFor(command.lines()));
        List<ReservationLine> covered = positions.covered(command.reservationId(), held);
        // A fulfilment of everything ships what stock covers; asked for lines, it ships them or is refused.
        List<ReservationLine> shipped = command.lines().isEmpty() && !covered.isEmpty() ? covered : held;
        Instant now = clock.instant();
        positions.ship(command.reservationId(), shipped, Movement.of(command.header(), MovementType.FULFILMENT, now));
        reservation.execute(r -> r.fulfil(shipped, command.header(), now));
        return answered(reservation);
    }

    @CommandHandler
    ReservationState handle(ExtendReservation command) {
        Aggregate<Reservation> reservation = existing(command.reservationId());
        reservation.execute(r -> r.extend(command.expiresAt(), command.origin(), clock.instant()));
        return answered(reservation);
    }

    /** Releases what a reservation still holds once its expiry has passed; otherwise does nothing. */
    @CommandHandler
    ReservationState handle(ExpireReservation command) {
        Aggregate<Reservation> reservation = existing(command.reservationId());
        Instant now = clock.instant();
        List<ReservationLine> due = reservation.invoke(r -> r.dueAt(now));
        if (!due.isEmpty()) {
            Origin origin = ledgerOrigin(reservation);
            positions.release(
                    command.reservationId(),
                    due,
                    movement(command.reservationId(), MovementType.RESERVATION_EXPIRY, now, origin));
            reservation.execute(r -> r.expire(due, now));
        }
        return answered(reservation);
    }

    /**
     * A command's answer: the reservation's state with each line's backordered units, read from the positions the
     * command has just loaded, in its own unit of work (no second transaction after the command).
     */
    private ReservationState answered(Aggregate<Reservation> reservation) {
        ReservationState state = reservation.invoke(Reservation::state);
        if (state.status() != ReservationStatus.CONFIRMED) {
            return state;
        }
        return state.withLines(state.lines().stream()
                .map(line -> line.withBackordered(positions.backordered(state.reservationId(), line.positionId())))
                .toList());
    }

    /** The reservation's current state, read from its aggregate in a unit of work of its own. */
    ReservationState current(ReservationId reservationId) {
        ResultMessage<ReservationState> result = DefaultUnitOfWork.startAndGet(null)
                .executeWithResult(() -> existing(reservationId).invoke(Reservation::state));
        if (result.isExceptional() && result.exceptionResult() instanceof RuntimeException failure) {
            throw failure;
        }
        return withBackorders(result.getPayload());
    }

    /**
     * The state with each line's backordered units, as its positions keep them (stock arriving there covers them
     * without the reservation hearing of it): held = reserved + backordered. Read after the command, each position in
     * a transaction and unit of work of its own, like a command: the connection first, then the position's lock, and
     * never more than one lock at a time, so reading never waits in a cycle with a command.
     */
    ReservationState withBackorders(ReservationState state) {
        if (state.status() != ReservationStatus.CONFIRMED) {
            return state;
        }
        return state.withLines(state.lines().stream()
                .map(line -> line.withBackordered(backordered(state.reservationId(), line.positionId())))
                .toList());
    }

    private Quantity backordered(ReservationId reservationId, PositionId positionId) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(transactions);
        ResultMessage<Quantity> result =
                unitOfWork.executeWithResult(() -> positions.backordered(reservationId, positionId));
        if (result.isExceptional() && result.exceptionResult() instanceof RuntimeException failure) {
            throw failure;
        }
        return result.getPayload();
    }

    private Aggregate<Reservation> existing(ReservationId reservationId) {
        return find(reservationId).orElseThrow(() -> new ReservationRefusal.NotFound(reservationId));
    }

    private Optional<Aggregate<Reservation>> find(ReservationId reservationId) {
        try {
            return Optional.of(reservations.load(reservationId.value()));
        } catch (AggregateNotFoundException notPlacedYet) {
            return Optional.empty();
        }
    }

    /** The movement of reserved stock on each position; a reservation's own id identifies it there. */
    private static Movement movement(ReservationId reservationId, MovementType type, Instant now, Origin origin) {
        return new Movement(MovementId.of(reservationId.value()), type, now, now, null, origin);
    }

    /** An expiry is the ledger's own act, made under the reservation's original origin. */
    private static Origin ledgerOrigin(Aggregate<Reservation> reservation) {
        return reservation.invoke(Reservation::origin);
    }
}
