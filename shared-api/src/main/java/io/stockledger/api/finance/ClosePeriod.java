package io.stockledger.api.finance;

import io.stockledger.api.common.Principal;
import java.time.YearMonth;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Close ledger period {@code period} (a calendar month in the ledger's zone) for {@code closedBy}. */
public record ClosePeriod(@TargetAggregateIdentifier String calendarId, YearMonth period, Principal closedBy) {

    /** The ledger has one calendar of periods. */
    public static final String LEDGER_CALENDAR = "ledger";

    public ClosePeriod {
        Objects.requireNonNull(calendarId, "calendarId is required");
        Objects.requireNonNull(period, "period is required");
        Objects.requireNonNull(closedBy, "closedBy is required");
    }

    public static ClosePeriod of(YearMonth period, Principal closedBy) {
        return new ClosePeriod(LEDGER_CALENDAR, period, closedBy);
    }
}
