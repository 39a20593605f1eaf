package io.stockledger.query.finance;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

/** A reconciliation run and its lines, as answered and exported. */
final class Reconciliation {

    private Reconciliation() {}

    /** How one ERP balance compares with the ledger's closing balance of the same position and period. */
    enum Status {
        MATCHED,
        DIFFERING,
        MISSING_IN_LEDGER,
        MISSING_IN_ERP
    }

    /**
     * A run: who uploaded what (SHA-256 of the input exactly as received) and when, the periods it covers, how many
     * lines fell into each class, and the quantity and value totals on both sides.
     */
    record Run(
            String runId,
            String uploadedBy,
            Instant uploadedAt,
            String format,
            String inputSha256,
            List<YearMonth> periods,
            Totals totals) {}

    record Totals(
            int erpLines,
            int matched,
            int differing,
            int missingInLedger,
            int missingInErp,
            long erpQuantity,
            long ledgerQuantity,
            BigDecimal erpValue,
            BigDecimal ledgerValue) {}

    /** A run with every line. */
    record Report(Run run, List<Line> lines) {}

    /**
     * One compared balance. Differences are ledger − ERP; a value is compared (and its difference given) only when
     * the ERP line carries one.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Line(
            int line,
            String sku,
            String location,
            YearMonth period,
            Status status,
            Long erpQuantity,
            Long ledgerQuantity,
            Long quantityDifference,
            BigDecimal erpValue,
            BigDecimal ledgerValue,
            BigDecimal valueDifference) {}
}
