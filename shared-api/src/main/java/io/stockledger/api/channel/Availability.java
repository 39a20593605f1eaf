package io.stockledger.api.channel;

import io.stockledger.api.common.ChannelId;
import io.stockledger.api.common.LocationId;
import io.stockledger.api.common.Sku;
import java.time.Instant;
import java.util.List;

/**
 * Available-to-sell for a channel, and how fresh it is: {@code eventPosition} is the global event position the
 * answer reflects (every event at or below it, none above it that was not yet read); {@code asOf} the last
 * instant the projection was known to have read the whole event log, {@code ageMillis} the time since then.
 */
public record Availability(
        ChannelId channel, long eventPosition, Instant asOf, long ageMillis, List<SkuAvailability> items, String next) {

    /**
     * One SKU: its available-to-sell summed over the channel's locations, the units the channel's reservations have
     * backordered there (its own figure: never taken from available-to-sell, which is never negative), and per
     * location.
     */
    public record SkuAvailability(
            Sku sku, long availableToSell, long backordered, List<LocationAvailability> locations) {}

    /**
     * One position as the channel sees it: what it may sell ({@code availableToSell}); the position's available
     * stock (negative when reservations are short); the part of the channel's own quota not yet consumed; what is
     * ring-fenced for other channels; the safety stock applied; and the units the channel's reservations have
     * backordered on the position, waiting for stock.
     */
    public record LocationAvailability(
            LocationId location,
            long availableToSell,
            long available,
            long ownQuota,
            long fencedForOthers,
            long safetyStock,
            long backordered) {}
}
