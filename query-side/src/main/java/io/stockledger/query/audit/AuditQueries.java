package io.stockledger.query.audit;

import io.stockledger.api.audit.AuditEntry;
import io.stockledger.api.audit.AuditPage;
import io.stockledger.api.audit.FindAuditEntries;
import io.stockledger.api.audit.GetTrace;
import io.stockledger.api.audit.Trace;
import io.stockledger.api.common.Refusal;
import io.stockledger.api.stock.BalanceAsOf;
import io.stockledger.api.stock.GetBalanceAsOf;
import java.util.List;
import java.util.Optional;
import org.axonframework.queryhandling.QueryExecutionException;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/** Answers audit queries, and balances as of an instant, from the audit projection. */
@Component
class AuditQueries {

    private final AuditRows rows;
    private final BalanceHistory history;

    AuditQueries(AuditRows rows, BalanceHistory history) {
        this.rows = rows;
        this.history = history;
    }

    /** The cursor is the global position of the last entry of the previous page. */
    @QueryHandler
    AuditPage handle(FindAuditEntries query) {
        List<AuditEntry> entries = rows.find(query.filter(), cursor(query.after()), query.limit() + 1);
        if (entries.size() <= query.limit()) {
            return new AuditPage(entries, null);
        }
        List<AuditEntry> page = List.copyOf(entries.subList(0, query.limit()));
        return new AuditPage(page, Long.toString(page.get(page.size() - 1).globalPosition()));
    }

    @QueryHandler
    Trace handle(GetTrace query) {
        String correlationId = query.correlationId().value();
        return new Trace(correlationId, rows.trace(correlationId));
    }

    /** Empty for a position the audit trail has never seen. */
    @QueryHandler
    Optional<BalanceAsOf> handle(GetBalanceAsOf query) {
        return history.asOf(query.positionId(), query.asOf());
    }

    private static Long cursor(String after) {
        if (after == null) {
            return null;
        }
        try {
            long position = Long.parseLong(after);
            if (position >= 0) {
                return position;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        String detail = "after: '" + after + "' is not a cursor of the audit trail";
        throw new QueryExecutionException(detail, null, new Refusal("invalid-request", detail));
    }
}
