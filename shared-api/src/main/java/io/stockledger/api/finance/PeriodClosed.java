package io.stockledger.api.finance;

import io.stockledger.api.common.Principal;
import java.time.Instant;
import java.time.YearMonth;
import org.axonframework.serialization.Revision;

/**
 * Ledger period {@code period} was closed by {@code closedBy} at {@code closedAt} (recorded time). From then on no
 * movement is booked into it; every earlier period is closed too.
 */
@Revision("1")
public record PeriodClosed(String calendarId, YearMonth period, Principal closedBy, Instant closedAt) {}
