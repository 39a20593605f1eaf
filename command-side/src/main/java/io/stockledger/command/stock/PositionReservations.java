package io.stockledger.command.stock;

import io.stockledger.api.common.ChannelId;
import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Quantity;
import io.stockledger.api.common.ReservationId;
import io.stockledger.api.reservation.LineRejection;
import io.stockledger.api.reservation.ReservationLine;
import io.stockledger.api.stock.Movement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Reserved stock on several positions inside the caller's unit of work, so that a reservation's lines are held,
 * given back or shipped together or not at all: every event of one command is appended in one transaction.
 * Positions are always loaded (and locked) in the order of their ids, so two reservations never wait on each
 * other in a cycle.
 */
@Component
public class PositionReservations {

    private static final Comparator<ReservationLine> BY_POSITION =
            Comparator.comparing(line -> line.positionId().toString());

    private final Repository<StockPosition> positions;

    PositionReservations(Repository<StockPosition> positions) {
        this.positions = positions;
    }

    /**
     * The lines that cannot be reserved now, each with what its position could offer; empty when every line can.
     * {@code allowance} is what a channel may reserve beyond available stock (backorders), per position.
     */
    public List<LineRejection> check(List<ReservationLine> lines, Allowance allowance) {
        return check(null, lines, allowance);
    }

    /**
     * As {@link #check(List, Allowance)}, for a reservation of {@code channel}: units ring-fenced for other
     * channels' quotas cannot be reserved ({@code ring-fenced-for-other-channels}, with what the channel may take).
     * Where the channel's policy allows backorders, a line may exceed what the channel can reserve by what is left
     * of its backorder limit on the position ({@code backorder-limit-exceeded} beyond that).
     */
    public List<LineRejection> check(ChannelId channel, List<ReservationLine> lines, Allowance allowance) {
        List<LineRejection> rejections = new ArrayList<>();
        for (ReservationLine line : sorted(lines)) {
            Optional<Aggregate<StockPosition>> position = find(line.positionId());
            Quantity reservable =
                    position.map(p -> p.invoke(StockPosition::reservable)).orElse(Quantity.ZERO);
            Quantity forChannel = channel == null
                    ? reservable
                    : position.map(p -> p.invoke(s -> s.reservableFor(channel))).orElse(Quantity.ZERO);
            Quantity limit = allowance.beyondAvailable(line.positionId());
            if (limit.isPositive()) {
                Quantity room = channel == null
                        ? limit
                        : position.map(p -> p.invoke(s -> s.backorderRoom(channel, limit)))
                                .orElse(limit);
                if (line.quantity().isGreaterThan(forChannel.plus(room))) {
                    rejections.add(new LineRejection(
                            line.positionId(), line.quantity(), forChannel, BackorderRefusal.LIMIT_EXCEEDED));
                }
            } else if (line.quantity().isGreaterThan(reservable)) {
                rejections.add(new LineRejection(
                        line.positionId(), line.quantity(), reservable, "insufficient-available-stock"));
            } else if (line.quantity().isGreaterThan(forChannel)) {
                rejections.add(new LineRejection(
                        line.positionId(), line.quantity(), forChannel, "ring-fenced-for-other-channels"));
            }
        }
        return rejections;
    }

    /**
     * Reserves every line for {@code channel}; the part of a line beyond what the channel can reserve is a backorder
     * within {@code allowance}. A position that never had stock starts with its backorder.
     */
    public void reserve(
            ReservationId reservationId,
            ChannelId channel,
            List<ReservationLine> lines,
            Allowance allowance,
            Movement movement)
            throws Exception {
        for (ReservationLine line : sorted(lines)) {
            positions
                    .loadOrCreate(line.positionId().toString(), StockPosition::new)
                    .execute(position -> position.reserve(
                            reservationId,
                            channel,
                            line.quantity(),
                            allowance.beyondAvailable(line.positionId()),
                            movement));
        }
    }

    public void release(ReservationId reservationId, List<ReservationLine> lines, Movement movement) {
        each(lines, (position, line) -> position.releaseReserved(reservationId, line.quantity(), movement));
    }

    public void ship(ReservationId reservationId, List<ReservationLine> lines, Movement movement) {
        each(lines, (position, line) -> position.shipReserved(reservationId, line.quantity(), movement));
    }

    /**
     * Of {@code lines} a reservation holds, the units that can ship: what is reserved on each position, not what is
     * still backordered there; lines with nothing reserved are left out.
     */
    public List<ReservationLine> covered(ReservationId reservationId, List<ReservationLine> lines) {
        // loaded, and so locked, in id order like every other command; answered in the order of the lines
        Map<PositionId, Quantity> reservedOn = new HashMap<>();
        for (ReservationLine line : sorted(lines)) {
            reservedOn.computeIfAbsent(line.positionId(), position -> find(position)
                    .map(p -> p.invoke(s -> s.reservedFor(reservationId)))
                    .orElse(Quantity.ZERO));
        }
        List<ReservationLine> covered = new ArrayList<>();
        for (ReservationLine line : lines) {
            Quantity reserved = reservedOn.get(line.positionId());
            Quantity shippable = line.quantity().isGreaterThan(reserved) ? reserved : line.quantity();
            if (shippable.isPositive()) {
                covered.add(new ReservationLine(line.positionId(), shippable));
            }
        }
        return covered;
    }

    /** How many units of a reservation wait for stock (are backordered) on a position. */
    public Quantity backordered(ReservationId reservationId, PositionId positionId) {
        return find(positionId)
                .map(p -> p.invoke(s -> s.backorderedFor(reservationId)))
                .orElse(Quantity.ZERO);
    }

    private void each(List<ReservationLine> lines, BiConsumer<StockPosition, ReservationLine> action) {
        for (ReservationLine line : sorted(lines)) {
            positions.load(line.positionId().toString()).execute(position -> action.accept(position, line));
        }
    }

    private Optional<Aggregate<StockPosition>> find(PositionId positionId) {
        try {
            return Optional.of(positions.load(positionId.toString()));
        } catch (AggregateNotFoundException neverHadStock) {
            return Optional.empty();
        }
    }

    private static List<ReservationLine> sorted(List<ReservationLine> lines) {
        return lines.stream().sorted(BY_POSITION).toList();
    }

    /** How far a channel may reserve beyond available stock on a position: its backorder allowance. */
    @FunctionalInterface
    public interface Allowance {

        /** No backorders: a channel without a policy that allows them. */
        Allowance NONE = positionId -> Quantity.ZERO;

        /** The channel's backorder limit on the position: zero for none. */
        Quantity beyondAvailable(PositionId positionId);
    }
}
