package io.stockledger.api.audit;

import java.util.Objects;

/**
 * Audit entries matching {@code filter} in global event order; {@code after} is the opaque cursor of the previous
 * page (null for the first), {@code limit} 1 to 1000.
 */
public record FindAuditEntries(AuditFilter filter, String after, int limit) {

    public static final int MAX_LIMIT = 1000;

    public FindAuditEntries {
        Objects.requireNonNull(filter, "filter is required");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
    }
}
