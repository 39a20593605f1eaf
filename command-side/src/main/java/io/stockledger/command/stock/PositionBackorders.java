package io.stockledger.command.stock;

import io.stockledger.api.common.ChannelId;
import io.stockledger.api.common.Quantity;
import io.stockledger.api.common.ReservationId;
import io.stockledger.api.stock.Backordered;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The backorders on one position: per reservation, the units of its line beyond available stock, and its channel;
 * oldest first, the order stock that becomes available covers them in. A channel's backorder limit is per position:
 * the backorders of all its reservations here together never exceed it.
 */
final class PositionBackorders {

    private final Map<ReservationId, Backorder> byReservation = new LinkedHashMap<>();

    /** One reservation's backorder here. */
    record Backorder(ReservationId reservationId, ChannelId channel, Quantity quantity) {}

    Quantity of(ReservationId reservationId) {
        Backorder backorder = byReservation.get(reservationId);
        return backorder == null ? Quantity.ZERO : backorder.quantity();
    }

    ChannelId channelOf(ReservationId reservationId) {
        return byReservation.get(reservationId).channel();
    }

    Quantity ofChannel(ChannelId channel) {
        return Quantity.of(byReservation.values().stream()
                .filter(backorder -> backorder.channel().equals(channel))
                .mapToLong(backorder -> backorder.quantity().units())
                .sum());
    }

    Quantity total() {
        return Quantity.of(byReservation.values().stream()
                .mapToLong(backorder -> backorder.quantity().units())
                .sum());
    }

    /** How many more units {@code channel} may backorder here under a limit of {@code limit}. */
    Quantity room(ChannelId channel, Quantity limit) {
        Quantity room = limit.minus(ofChannel(channel));
        return room.isNegative() ? Quantity.ZERO : room;
    }

    /** The backorders, oldest first: a copy, safe to walk while covering them. */
    List<Backorder> oldestFirst() {
        return new ArrayList<>(byReservation.values());
    }

    /** The figures after a reservation's backorder here changes by {@code change}. */
    Backordered after(ReservationId reservationId, ChannelId channel, Quantity change) {
        return new Backordered(
                of(reservationId).plus(change), ofChannel(channel).plus(change), total().plus(change));
    }

    void change(ReservationId reservationId, ChannelId channel, Quantity change) {
        Quantity left = of(reservationId).plus(change);
        if (left.isPositive()) {
            byReservation.put(reservationId, new Backorder(reservationId, channel, left));
        } else {
            byReservation.remove(reservationId);
        }
    }
}
