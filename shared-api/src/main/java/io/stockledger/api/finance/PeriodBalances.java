package io.stockledger.api.finance;

import java.time.YearMonth;
import java.util.List;

/**
 * The balances of a period: one row per position, totals per location and for the whole ledger, the movements booked
 * into it from closed periods, whether it is closed, and the ledger currency of every value.
 */
public record PeriodBalances(
        YearMonth period,
        boolean closed,
        String currency,
        List<PeriodBalance> rows,
        List<PeriodBalance> locationTotals,
        PeriodBalance ledgerTotal,
        List<LateBooking> lateBookings) {

    public PeriodBalances {
        rows = List.copyOf(rows);
        locationTotals = List.copyOf(locationTotals);
        lateBookings = List.copyOf(lateBookings);
    }
}
