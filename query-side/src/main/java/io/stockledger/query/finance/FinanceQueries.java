package io.stockledger.query.finance;

import io.stockledger.api.finance.CheckRollForward;
import io.stockledger.api.finance.GetPeriodBalances;
import io.stockledger.api.finance.PeriodBalance;
import io.stockledger.api.finance.PeriodBalances;
import io.stockledger.api.finance.QuantityFigures;
import io.stockledger.api.finance.ReasonFigures;
import io.stockledger.api.finance.RollForwardCheck;
import io.stockledger.api.finance.ValueFigures;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/** Answers finance queries from the finance projection. */
@Component
class FinanceQueries {

    /** At most this many roll-forward violations are listed (the count of rows checked is always complete). */
    static final int MAX_VIOLATIONS = 1000;

    private final FinanceRows rows;
    private final FinanceProperties properties;

    FinanceQueries(FinanceRows rows, FinanceProperties properties) {
        this.rows = rows;
        this.properties = properties;
    }

    @QueryHandler
    PeriodBalances handle(GetPeriodBalances query) {
        YearMonth period = query.period();
        List<PeriodBalance> balances = new ArrayList<>();
        Map<String, PeriodBalance> byLocation = new TreeMap<>();
        PeriodBalance[] ledger = {total(null, period, List.of())};
        rows.balances(
                period,
                query.sku() == null ? null : query.sku().value(),
                query.location() == null ? null : query.location().value(),
                balance -> {
                    balances.add(balance);
                    byLocation.merge(
                            balance.location(),
                            total(balance.location(), period, List.of(balance)),
                            (a, b) -> add(a, b));
                    ledger[0] = add(ledger[0], balance);
                });
        return new PeriodBalances(
                period,
                rows.isClosed(period),
                properties.currency().getCurrencyCode(),
                balances,
                List.copyOf(byLocation.values()),
                ledger[0],
                rows.lateBookings(period));
    }

    @QueryHandler
    RollForwardCheck handle(CheckRollForward query) {
        return new RollForwardCheck(rows.periodRows(), rows.rollForwardViolations(MAX_VIOLATIONS));
    }

    private PeriodBalance total(String location, YearMonth period, List<PeriodBalance> of) {
        PeriodBalance total = new PeriodBalance(
                null, location, period, QuantityFigures.ZERO, zeroValues(properties.scale()), List.of());
        for (PeriodBalance balance : of) {
            total = add(total, balance);
        }
        return total;
    }

    /** The sum of two balances, under the first one's SKU and location; reason codes merged. */
    private static PeriodBalance add(PeriodBalance total, PeriodBalance balance) {
        Map<String, ReasonFigures> reasons = new TreeMap<>();
        for (ReasonFigures r : total.adjustmentsByReason()) {
            reasons.put(r.reason(), r);
        }
        for (ReasonFigures r : balance.adjustmentsByReason()) {
            reasons.merge(
                    r.reason(),
                    r,
                    (a, b) -> new ReasonFigures(
                            a.reason(), a.quantity() + b.quantity(), a.value().add(b.value())));
        }
        return new PeriodBalance(
                total.sku(),
                total.location(),
                total.period(),
                total.quantity().plus(balance.quantity()),
                total.value().plus(balance.value()),
                List.copyOf(reasons.values()));
    }

    private static ValueFigures zeroValues(int scale) {
        BigDecimal zero = BigDecimal.ZERO.setScale(scale);
        return new ValueFigures(zero, zero, zero, zero, zero, zero, zero, zero, zero);
    }
}
