package io.stockledger.query.audit;

import io.stockledger.api.common.PositionId;
import io.stockledger.api.stock.Balance;
import java.time.Instant;
import java.util.Map;

/**
 * One audit entry as stored: what the API shows, plus what only the projection needs, namely whether the event is a
 * movement (counts towards balances as of an instant), its aggregate sequence number and its business-time change.
 */
record AuditRow(
        long globalPosition,
        String eventId,
        String eventType,
        long sequence,
        boolean movement,
        String movementId,
        String movementType,
        PositionId position,
        long quantity,
        Instant occurredAt,
        Instant recordedAt,
        Provenance provenance,
        String reasonCode,
        Balance before,
        Balance after,
        Balance change,
        Map<String, String> attributes) {

    /** Where a change came from; every field may be null when the event does not say. */
    record Provenance(
            String sourceSystem, String referenceType, String referenceNumber, String principal, String correlationId) {

        static final Provenance UNKNOWN = new Provenance(null, null, null, null, null);
    }
}
