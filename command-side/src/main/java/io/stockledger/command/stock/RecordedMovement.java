package io.stockledger.command.stock;

import io.stockledger.api.stock.MovementType;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * The answer for a recorded movement. It is the same every time: for the first post, for every retry of it, and
 * for a look-up by id, because it is read back from the movement registry each time.
 */
@Schema(description = "A movement as the ledger recorded it.")
record RecordedMovement(
        String movementId,
        MovementType type,
        String sku,
        String location,
        @Schema(description = "Units moved, the signed change of an adjustment, or the counted figure of a count.")
                long quantity,
        @Schema(description = "When it happened, as the source system says (millisecond precision).")
                Instant occurredAt,
        @Schema(description = "When the ledger recorded it, the first time it was posted.") Instant recordedAt) {}
