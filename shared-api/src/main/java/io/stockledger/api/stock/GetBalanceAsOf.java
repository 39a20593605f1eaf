package io.stockledger.api.stock;

import io.stockledger.api.common.PositionId;
import java.time.Instant;
import java.util.Objects;

/** The buckets of a position as of a business instant: every movement at or before {@code asOf} counts. */
public record GetBalanceAsOf(PositionId positionId, Instant asOf) {

    public GetBalanceAsOf {
        Objects.requireNonNull(positionId, "positionId is required");
        Objects.requireNonNull(asOf, "asOf is required");
    }
}
