package io.stockledger.command.finance;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.stockledger.api.finance.ClosePeriod;
import io.stockledger.api.finance.PeriodClosed;
import java.time.Clock;
import java.time.YearMonth;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The ledger's calendar of periods and the rules of closing them: only a period that has ended, in order, each once.
 * The first period closed closes every earlier one with it (before it, nothing was ever closed).
 */
@Aggregate
class LedgerCalendar {

    @AggregateIdentifier
    private String calendarId;

    private YearMonth closedThrough;

    LedgerCalendar() {
        // for Axon: created by the first close
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(ClosePeriod command, Clock clock, LedgerPeriods periods) {
        YearMonth period = command.period();
        if (closedThrough != null && !period.isAfter(closedThrough)) {
            throw new FinanceRefusal.PeriodAlreadyClosed(period, closedThrough);
        }
        if (closedThrough != null && !period.equals(closedThrough.plusMonths(1))) {
            throw new FinanceRefusal.PeriodCloseOutOfOrder(period, closedThrough.plusMonths(1));
        }
        if (!periods.hasEnded(period, clock.instant())) {
            throw new FinanceRefusal.PeriodNotEnded(period);
        }
        apply(new PeriodClosed(command.calendarId(), period, command.closedBy(), clock.instant()));
    }

    @EventSourcingHandler
    void on(PeriodClosed event) {
        calendarId = event.calendarId();
        closedThrough = event.period();
    }
}
