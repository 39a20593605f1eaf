package io.stockledger.api.stock;

import io.stockledger.api.common.MovementId;
import io.stockledger.api.common.Origin;
import io.stockledger.api.common.ReasonCode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * What every movement command carries besides its quantities: the idempotency key, the business time (kept to
 * the millisecond, the ledger's precision), an optional reason code and the origin.
 */
public record MovementHeader(MovementId movementId, Instant occurredAt, ReasonCode reason, Origin origin) {

    /** The first business instant the ledger accepts: the start of 1900. */
    public static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");

    /** The last business instant the ledger accepts: the end of 9999. */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    public MovementHeader {
        Objects.requireNonNull(movementId, "movementId is required");
        Objects.requireNonNull(occurredAt, "occurredAt is required");
        Objects.requireNonNull(origin, "origin is required");
        if (occurredAt.isBefore(EARLIEST) || occurredAt.isAfter(LATEST)) {
            throw new IllegalArgumentException("occurredAt must lie between " + EARLIEST + " and " + LATEST);
        }
        occurredAt = occurredAt.truncatedTo(ChronoUnit.MILLIS);
    }

    /** The same header with the reason made mandatory, for movements whose reason code the brief requires. */
    MovementHeader requireReason(String movement) {
        if (reason == null) {
            throw new IllegalArgumentException("a reason code is required for " + movement);
        }
        return this;
    }
}
