package io.stockledger.api.audit;

import io.stockledger.api.common.CorrelationId;
import java.util.Objects;

/** Every change made under one correlation id: the full chain of a business transaction. */
public record GetTrace(CorrelationId correlationId) {

    public GetTrace {
        Objects.requireNonNull(correlationId, "correlationId is required");
    }
}
