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
import java.util.List;
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
            Quantity beyond = allowance.beyondAvailable(line.positionId());
            if (line.quantity().isGreaterThan(reservable.plus(beyond))) {
                rejections.add(new LineRejection(
                        line.positionId(), line.quantity(), reservable, "insufficient-available-stock"));
            } else if (line.quantity().isGreaterThan(forChannel.plus(beyond))) {
                rejections.add(new LineRejection(
                        line.positionId(), line.quantity(), forChannel, "ring-fenced-for-other-channels"));
            }
        }
        return rejections;
    }

    public void reserve(
            ReservationId reservationId, ChannelId channel, List<ReservationLine> lines, Movement movement) {
        each(lines, (position, line) -> position.reserve(reservationId, channel, line.quantity(), movement));
    }

    public void release(ReservationId reservationId, List<ReservationLine> lines, Movement movement) {
        each(lines, (position, line) -> position.releaseReserved(reservationId, line.quantity(), movement));
    }

    public void ship(ReservationId reservationId, List<ReservationLine> lines, Movement movement) {
        each(lines, (position, line) -> position.shipReserved(reservationId, line.quantity(), movement));
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

        /** No backorders: the default until channel policies say otherwise. */
        Allowance NONE = positionId -> Quantity.ZERO;

        Quantity beyondAvailable(PositionId positionId);
    }
}
