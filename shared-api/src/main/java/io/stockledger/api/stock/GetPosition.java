package io.stockledger.api.stock;

import io.stockledger.api.common.PositionId;
import java.util.Objects;

/** One position's current buckets; answers an empty optional for a position that never had a movement. */
public record GetPosition(PositionId positionId) {

    public GetPosition {
        Objects.requireNonNull(positionId, "positionId is required");
    }
}
