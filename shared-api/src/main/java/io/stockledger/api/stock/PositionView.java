package io.stockledger.api.stock;

import io.stockledger.api.common.LocationId;
import io.stockledger.api.common.Sku;
import java.time.Instant;

/**
 * A position as the query side knows it: every bucket, the available quantity, when it last changed (business
 * and recorded time) and the global event position of the last event applied.
 */
public record PositionView(
        Sku sku,
        LocationId location,
        long onHand,
        long reserved,
        long quarantined,
        long damaged,
        long inTransit,
        long available,
        Instant lastOccurredAt,
        Instant lastRecordedAt,
        long eventPosition) {}
