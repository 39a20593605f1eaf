package io.stockledger.api.stock;

import io.stockledger.api.common.MovementId;
import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Quantity;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A movement backdated before count {@code countMovementId} changed the balance the count found, so the count's
 * difference is now {@code difference} (it was {@code previousDifference}). The count itself still sets on hand
 * to the counted figure; the balances after it do not change.
 */
@Revision("1")
public record CountDifferenceRecomputed(
        PositionId positionId,
        MovementId countMovementId,
        Instant countOccurredAt,
        Quantity previousDifference,
        Quantity difference,
        MovementId causedBy,
        Instant recordedAt,
        Balance after)
        implements PositionEvent {}
