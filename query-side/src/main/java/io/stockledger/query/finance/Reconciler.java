package io.stockledger.query.finance;

import io.stockledger.api.finance.PeriodBalance;
import io.stockledger.query.finance.Reconciliation.Line;
import io.stockledger.query.finance.Reconciliation.Report;
import io.stockledger.query.finance.Reconciliation.Run;
import io.stockledger.query.finance.Reconciliation.Status;
import io.stockledger.query.finance.Reconciliation.Totals;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reconciles the ERP's period-end balances with the ledger's closing balances of the same periods and keeps the run.
 * Every ERP line is matched (quantity equal, and value equal at the currency's scale when the ERP gives one),
 * differing, or missing in the ledger (no balance there for that position and period); every ledger balance of those
 * periods with a non-zero quantity or value that the ERP does not list is missing in the ERP.
 */
@Component
class Reconciler {

    private final FinanceRows balances;
    private final ReconciliationRows runs;
    private final Clock clock;
    private final int scale;

    Reconciler(FinanceRows balances, ReconciliationRows runs, Clock clock, FinanceProperties properties) {
        this.balances = balances;
        this.runs = runs;
        this.clock = clock;
        this.scale = properties.scale();
    }

    @Transactional
    Report reconcile(byte[] input, String format, List<ErpBalances.Line> erp, String uploadedBy) {
        Set<YearMonth> periods = new TreeSet<>();
        erp.forEach(line -> periods.add(line.period()));
        Map<String, PeriodBalance> ledger = new LinkedHashMap<>();
        for (YearMonth period : periods) {
            balances.balances(
                    period, null, null, balance -> ledger.put(key(balance.sku(), balance.location(), period), balance));
        }
        List<Line> lines = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        for (ErpBalances.Line e : erp) {
            String key = key(e.sku(), e.location(), e.period());
            listed.add(key);
            BigDecimal erpValue = e.value() == null ? null : e.value().setScale(scale, RoundingMode.HALF_EVEN);
            PeriodBalance l = ledger.get(key);
            if (l == null) {
                lines.add(new Line(
                        lines.size() + 1,
                        e.sku(),
                        e.location(),
                        e.period(),
                        Status.MISSING_IN_LEDGER,
                        e.quantity(),
                        null,
                        null,
                        erpValue,
                        null,
                        null));
                continue;
            }
            long ledgerQuantity = l.quantity().closing();
            BigDecimal ledgerValue = l.value().closing();
            BigDecimal valueDifference = erpValue == null ? null : ledgerValue.subtract(erpValue);
            boolean same = ledgerQuantity == e.quantity() && (valueDifference == null || valueDifference.signum() == 0);
            lines.add(new Line(
                    lines.size() + 1,
                    e.sku(),
                    e.location(),
                    e.period(),
                    same ? Status.MATCHED : Status.DIFFERING,
                    e.quantity(),
                    ledgerQuantity,
                    ledgerQuantity - e.quantity(),
                    erpValue,
                    ledgerValue,
                    valueDifference));
        }
        ledger.forEach((key, l) -> {
            if (!listed.contains(key)
                    && (l.quantity().closing() != 0 || l.value().closing().signum() != 0)) {
                lines.add(new Line(
                        lines.size() + 1,
                        l.sku(),
                        l.location(),
                        l.period(),
                        Status.MISSING_IN_ERP,
                        null,
                        l.quantity().closing(),
                        l.quantity().closing(),
                        null,
                        l.value().closing(),
                        null));
            }
        });
        Run run = new Run(
                UUID.randomUUID().toString(),
                uploadedBy,
                clock.instant(),
                format,
                sha256(input),
                List.copyOf(periods),
                totals(erp.size(), lines));
        runs.insert(run, lines);
        return new Report(run, lines);
    }

    private Totals totals(int erpLines, List<Line> lines) {
        int[] counts = new int[Status.values().length];
        long erpQuantity = 0;
        long ledgerQuantity = 0;
        BigDecimal erpValue = BigDecimal.ZERO.setScale(scale);
        BigDecimal ledgerValue = BigDecimal.ZERO.setScale(scale);
        for (Line line : lines) {
            counts[line.status().ordinal()]++;
            erpQuantity += line.erpQuantity() == null ? 0 : line.erpQuantity();
            ledgerQuantity += line.ledgerQuantity() == null ? 0 : line.ledgerQuantity();
            erpValue = line.erpValue() == null ? erpValue : erpValue.add(line.erpValue());
            ledgerValue = line.ledgerValue() == null ? ledgerValue : ledgerValue.add(line.ledgerValue());
        }
        return new Totals(
                erpLines,
                counts[Status.MATCHED.ordinal()],
                counts[Status.DIFFERING.ordinal()],
                counts[Status.MISSING_IN_LEDGER.ordinal()],
                counts[Status.MISSING_IN_ERP.ordinal()],
                erpQuantity,
                ledgerQuantity,
                erpValue,
                ledgerValue);
    }

    private static String key(String sku, String location, YearMonth period) {
        return sku + "@" + location + "/" + period;
    }

    static String sha256(byte[] input) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(input));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
