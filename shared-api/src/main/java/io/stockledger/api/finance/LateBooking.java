package io.stockledger.api.finance;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A movement (or count recomputation) dated inside a closed period and booked into this one: both its business time
 * and its booking instant.
 */
public record LateBooking(
        String sku,
        String location,
        String movementId,
        String category,
        long quantity,
        BigDecimal value,
        Instant occurredAt,
        Instant bookedAt) {}
