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

    public MovementHeader {
        Objects.requireNonNull(movementId, "movementId is required");
        Objects.requireNonNull(occurredAt, "occurredAt is required");
        Objects.requireNonNull(origin, "origin is required");
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
