package io.stockledger.api.channel;

import io.stockledger.api.common.ChannelId;
import io.stockledger.api.common.Sku;
import java.util.Objects;

/**
 * A page of a channel's whole assortment (every SKU with a position at one of its locations), by SKU, starting
 * after {@code after} (null: from the start). Answers {@link Availability} with {@code next} set when more follow.
 */
public record FindAvailability(ChannelId channel, Sku after, int limit) {

    public static final int MAX_LIMIT = 500;

    public FindAvailability {
        Objects.requireNonNull(channel, "channel is required");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
    }
}
