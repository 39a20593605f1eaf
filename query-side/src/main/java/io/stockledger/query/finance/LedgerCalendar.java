package io.stockledger.query.finance;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import org.springframework.stereotype.Component;

/** Ledger periods: calendar months in the ledger's zone. */
@Component
class LedgerCalendar {

    private final ZoneId zone;

    LedgerCalendar(FinanceProperties properties) {
        this.zone = properties.zone();
    }

    YearMonth periodOf(Instant instant) {
        return YearMonth.from(instant.atZone(zone));
    }

    /** The first instant of a period. */
    Instant start(YearMonth period) {
        return period.atDay(1).atStartOfDay(zone).toInstant();
    }
}
