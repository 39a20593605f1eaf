package io.stockledger.api.audit;

import java.util.List;

/** The changes of one business transaction in global event order. */
public record Trace(String correlationId, List<AuditEntry> entries) {}
