package io.stockledger.command.stock;

import io.stockledger.api.common.ChannelId;
import io.stockledger.api.common.Quantity;
import io.stockledger.api.common.ReservationId;
import java.util.HashMap;
import java.util.Map;

/**
 * The quotas ring-fenced on one position for single channels, and which channel each reservation held here
 * belongs to. A channel's quota is consumed by its own reservations on the position first; what is not consumed
 * is fenced off from every other channel:
 *
 * <pre>
 *   unconsumed(c)  = max(0, quota(c) - reserved here by c)
 *   reservable(c)  = max(0, available - sum of unconsumed(d) over every other channel d)
 * </pre>
 *
 * A quota larger than available stock is allowed: the contested units can then be reserved by nobody but the
 * quota's channel, until stock arrives or the quota is released.
 */
final class ChannelQuotas {

    private final Map<ChannelId, Quantity> quotas = new HashMap<>();
    private final Map<ReservationId, ChannelId> channels = new HashMap<>();

    Quantity quota(ChannelId channel) {
        return quotas.getOrDefault(channel, Quantity.ZERO);
    }

    /** What {@code channel} may reserve of {@code available}, given what each reservation holds here. */
    Quantity reservableFor(ChannelId channel, Quantity available, Map<ReservationId, Quantity> held) {
        long fenced = fencedFrom(channel, held);
        long reservable = available.units() - fenced;
        return reservable > 0 ? Quantity.of(reservable) : Quantity.ZERO;
    }

    /** The units other channels' quotas keep from {@code channel}. */
    long fencedFrom(ChannelId channel, Map<ReservationId, Quantity> held) {
        long fenced = 0;
        for (Map.Entry<ChannelId, Quantity> quota : quotas.entrySet()) {
            if (!quota.getKey().equals(channel)) {
                long consumed = reservedBy(quota.getKey(), held);
                fenced += Math.max(0, quota.getValue().units() - consumed);
            }
        }
        return fenced;
    }

    private long reservedBy(ChannelId channel, Map<ReservationId, Quantity> held) {
        long reserved = 0;
        for (Map.Entry<ReservationId, Quantity> reservation : held.entrySet()) {
            if (channel.equals(channels.get(reservation.getKey()))) {
                reserved += reservation.getValue().units();
            }
        }
        return reserved;
    }

    void reserved(ReservationId reservationId, ChannelId channel) {
        channels.put(reservationId, channel);
    }

    void settled(ReservationId reservationId) {
        channels.remove(reservationId);
    }

    void set(ChannelId channel, Quantity quota) {
        if (quota.isPositive()) {
            quotas.put(channel, quota);
        } else {
            quotas.remove(channel);
        }
    }
}
