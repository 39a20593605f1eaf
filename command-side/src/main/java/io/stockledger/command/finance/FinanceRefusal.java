package io.stockledger.command.finance;

import io.stockledger.command.platform.LedgerRefusal;
import java.time.Instant;
import java.time.YearMonth;

/** The ledger rules of periods, as refusals. */
abstract sealed class FinanceRefusal extends LedgerRefusal
        permits FinanceRefusal.MovementInClosedPeriod,
                FinanceRefusal.PeriodNotEnded,
                FinanceRefusal.PeriodAlreadyClosed,
                FinanceRefusal.PeriodCloseOutOfOrder {

    private FinanceRefusal(String code, String detail) {
        super(code, detail);
    }

    /** A closed period never changes: a movement dated inside it is refused unless booked into an open period. */
    static final class MovementInClosedPeriod extends FinanceRefusal {
        MovementInClosedPeriod(Instant occurredAt, YearMonth period, YearMonth closedThrough) {
            super(
                    "period-closed",
                    ("occurredAt %s lies in period %s, which is closed (periods are closed through %s); send"
                                    + " X-Book-Into-Open-Period: true to book it into %s with its business time kept")
                            .formatted(occurredAt, period, closedThrough, closedThrough.plusMonths(1)));
        }
    }

    /** Only a period that lies wholly in the past can be closed. */
    static final class PeriodNotEnded extends FinanceRefusal {
        PeriodNotEnded(YearMonth period) {
            super("period-not-ended", "period %s has not ended yet".formatted(period));
        }
    }

    static final class PeriodAlreadyClosed extends FinanceRefusal {
        PeriodAlreadyClosed(YearMonth period, YearMonth closedThrough) {
            super(
                    "period-already-closed",
                    "period %s is already closed (periods are closed through %s)".formatted(period, closedThrough));
        }
    }

    /** Periods close in order: a period closes only after the one before it. */
    static final class PeriodCloseOutOfOrder extends FinanceRefusal {
        PeriodCloseOutOfOrder(YearMonth period, YearMonth next) {
            super(
                    "period-close-out-of-order",
                    "period %s cannot be closed before %s; periods close in order".formatted(period, next));
        }
    }
}
