package io.stockledger.command.finance;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Ledger periods: calendar months in the ledger zone, {@code stockledger.finance.zone} (UTC by default). The query
 * side must be configured with the same zone.
 */
@Component
public class LedgerPeriods {

    private final ZoneId zone;

    LedgerPeriods(@Value("${stockledger.finance.zone:UTC}") ZoneId zone) {
        this.zone = zone;
    }

    public YearMonth periodOf(Instant instant) {
        return YearMonth.from(instant.atZone(zone));
    }

    /** The first instant of a period. */
    public Instant start(YearMonth period) {
        return period.atDay(1).atStartOfDay(zone).toInstant();
    }

    /** Whether the whole period lies before {@code now}. */
    boolean hasEnded(YearMonth period, Instant now) {
        return !now.isBefore(start(period.plusMonths(1)));
    }
}
