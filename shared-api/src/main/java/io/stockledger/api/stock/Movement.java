package io.stockledger.api.stock;

import io.stockledger.api.common.MovementId;
import io.stockledger.api.common.Origin;
import io.stockledger.api.common.ReasonCode;
import java.time.Instant;
import java.util.Objects;

/**
 * Every metadata field of a recorded movement: its id and type, business time ({@code occurredAt}, from the
 * source system), recorded time (when the ledger accepted it), reason code (may be null where none applies)
 * and origin (source system, reference document, principal, correlation id).
 */
public record Movement(
        MovementId movementId,
        MovementType type,
        Instant occurredAt,
        Instant recordedAt,
        ReasonCode reason,
        Origin origin) {

    public Movement {
        Objects.requireNonNull(movementId, "movementId is required");
        Objects.requireNonNull(type, "type is required");
        Objects.requireNonNull(occurredAt, "occurredAt is required");
        Objects.requireNonNull(recordedAt, "recordedAt is required");
        Objects.requireNonNull(origin, "origin is required");
    }

    public static Movement of(MovementHeader header, MovementType type, Instant recordedAt) {
        return new Movement(
                header.movementId(), type, header.occurredAt(), recordedAt, header.reason(), header.origin());
    }
}
