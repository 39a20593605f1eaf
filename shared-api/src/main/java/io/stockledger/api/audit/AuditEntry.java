package io.stockledger.api.audit;

import io.stockledger.api.stock.Balance;
import java.time.Instant;
import java.util.Map;

/**
 * One change to one position: the event that made it (id, type, global position), every metadata field of the
 * movement, and every bucket before and after (in recording order). {@code attributes} holds what only some
 * movements have: destination, source, transferId, unitCost, difference, fromQuarantine, toQuarantine, ...
 */
public record AuditEntry(
        long globalPosition,
        String eventId,
        String eventType,
        String movementId,
        String movementType,
        String sku,
        String location,
        long quantity,
        Instant occurredAt,
        Instant recordedAt,
        String sourceSystem,
        String referenceType,
        String referenceNumber,
        String reasonCode,
        String principal,
        String correlationId,
        Balance before,
        Balance after,
        Map<String, String> attributes) {}
