package io.stockledger.query.channel;

import io.stockledger.api.channel.Availability.LocationAvailability;
import io.stockledger.api.channel.Availability.SkuAvailability;
import java.time.Instant;
import java.util.List;

/**
 * The data of one server-sent availability event: a SKU's new available-to-sell for a channel, and the event that
 * changed it (its global position, and when the ledger recorded it).
 */
record AvailabilityChange(
        String channel,
        String sku,
        long availableToSell,
        List<LocationAvailability> locations,
        long eventPosition,
        Instant recordedAt) {

    AvailabilityChange(String channel, SkuAvailability item, long eventPosition, Instant recordedAt) {
        this(channel, item.sku().value(), item.availableToSell(), item.locations(), eventPosition, recordedAt);
    }
}
