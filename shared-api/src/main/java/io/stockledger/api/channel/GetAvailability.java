package io.stockledger.api.channel;

import io.stockledger.api.common.ChannelId;
import io.stockledger.api.common.Sku;
import java.util.List;
import java.util.Objects;

/** Available-to-sell of many SKUs for one channel, in one answer. Answers {@link Availability}. */
public record GetAvailability(ChannelId channel, List<Sku> skus) {

    /** The most SKUs one query may ask for. */
    public static final int MAX_SKUS = 500;

    public GetAvailability {
        Objects.requireNonNull(channel, "channel is required");
        skus = List.copyOf(Objects.requireNonNull(skus, "skus is required")).stream()
                .distinct()
                .toList();
        if (skus.isEmpty() || skus.size() > MAX_SKUS) {
            throw new IllegalArgumentException("skus must name 1 to " + MAX_SKUS + " SKUs");
        }
    }
}
