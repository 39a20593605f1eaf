package io.stockledger.api.stock;

import io.stockledger.api.common.LocationId;
import io.stockledger.api.common.Sku;
import java.time.Instant;

/**
 * A position as the query side knows it: every bucket, the available quantity, when it last changed (business
 * and recorded time), the global event position of the last event applied, and its reservation shortfall: how many
 * reserved units it cannot deliver now (zero unless on hand fell below what is reserved and held). {@code backordered}
 * is its own figure, in no bucket: units reservations wait for beyond available stock, as channel policies allow.
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
        long eventPosition,
        long shortfall,
        long backordered) {}
