package io.stockledger.api.common;

import java.util.Objects;

/** Where a movement comes from: the reporting system, the document, the acting principal and the transaction. */
public record Origin(
        SourceSystem sourceSystem, ReferenceDocument reference, Principal principal, CorrelationId correlationId) {

    public Origin {
        Objects.requireNonNull(sourceSystem, "sourceSystem is required");
        Objects.requireNonNull(reference, "reference is required");
        Objects.requireNonNull(principal, "principal is required");
        Objects.requireNonNull(correlationId, "correlationId is required");
    }
}
