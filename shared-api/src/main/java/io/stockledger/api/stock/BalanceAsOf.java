package io.stockledger.api.stock;

import io.stockledger.api.common.LocationId;
import io.stockledger.api.common.Sku;
import java.time.Instant;

/**
 * A position's buckets as of a business instant, and the global event position of the projection it was
 * computed from (later recorded, backdated movements can still change it).
 */
public record BalanceAsOf(
        Sku sku,
        LocationId location,
        Instant asOf,
        long onHand,
        long reserved,
        long quarantined,
        long damaged,
        long inTransit,
        long available,
        long eventPosition) {}
