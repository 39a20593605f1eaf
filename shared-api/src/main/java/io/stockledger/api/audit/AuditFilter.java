package io.stockledger.api.audit;

import java.time.Instant;

/**
 * Which audit entries to return; every field is optional (null) and the given ones are combined with AND.
 * Time ranges are half-open: {@code from} inclusive, {@code to} exclusive.
 */
public record AuditFilter(
        String sku,
        String location,
        Instant occurredFrom,
        Instant occurredTo,
        Instant recordedFrom,
        Instant recordedTo,
        String movementType,
        String movementId,
        String referenceType,
        String referenceNumber,
        String principal,
        String correlationId) {

    public static final AuditFilter NONE =
            new AuditFilter(null, null, null, null, null, null, null, null, null, null, null, null);
}
