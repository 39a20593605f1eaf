package io.stockledger.api.audit;

import java.util.List;

/** A page of audit entries; {@code next} is the cursor of the following page, null on the last one. */
public record AuditPage(List<AuditEntry> items, String next) {}
