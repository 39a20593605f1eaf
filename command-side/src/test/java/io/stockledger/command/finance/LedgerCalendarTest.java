package io.stockledger.command.finance;

import io.stockledger.api.common.Principal;
import io.stockledger.api.finance.ClosePeriod;
import io.stockledger.api.finance.PeriodClosed;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LedgerCalendarTest {

    private static final Instant NOW = Instant.parse("2025-04-10T12:00:00Z");
    private static final Principal CONTROLLER = Principal.of("controller");
    private static final YearMonth JANUARY = YearMonth.parse("2025-01");
    private static final YearMonth FEBRUARY = YearMonth.parse("2025-02");
    private static final YearMonth MARCH = YearMonth.parse("2025-03");
    private static final YearMonth APRIL = YearMonth.parse("2025-04");

    private AggregateTestFixture<LedgerCalendar> fixture;

    @BeforeEach
    void calendar() {
        fixture = new AggregateTestFixture<>(LedgerCalendar.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(new LedgerPeriods(ZoneId.of("UTC")));
    }

    @Test
    void canCloseAnEndedPeriodFirst() {
        fixture.givenNoPriorActivity()
                .when(ClosePeriod.of(FEBRUARY, CONTROLLER))
                .expectEvents(new PeriodClosed("ledger", FEBRUARY, CONTROLLER, NOW));
    }

    @Test
    void canCloseTheNextPeriod() {
        fixture.given(new PeriodClosed("ledger", FEBRUARY, CONTROLLER, NOW))
                .when(ClosePeriod.of(MARCH, CONTROLLER))
                .expectEvents(new PeriodClosed("ledger", MARCH, CONTROLLER, NOW));
    }

    @Test
    void cannotCloseAPeriodThatHasNotEnded() {
        fixture.given(new PeriodClosed("ledger", MARCH, CONTROLLER, NOW))
                .when(ClosePeriod.of(APRIL, CONTROLLER))
                .expectNoEvents()
                .expectException(FinanceRefusal.PeriodNotEnded.class);
    }

    @Test
    void cannotCloseAPeriodOutOfOrder() {
        fixture.given(new PeriodClosed("ledger", JANUARY, CONTROLLER, NOW))
                .when(ClosePeriod.of(MARCH, CONTROLLER))
                .expectNoEvents()
                .expectException(FinanceRefusal.PeriodCloseOutOfOrder.class);
    }

    @Test
    void cannotCloseAPeriodTwice() {
        fixture.given(new PeriodClosed("ledger", FEBRUARY, CONTROLLER, NOW))
                .when(ClosePeriod.of(JANUARY, CONTROLLER))
                .expectNoEvents()
                .expectException(FinanceRefusal.PeriodAlreadyClosed.class);
    }

    @Test
    void periodsAreMonthsInTheLedgerZone() {
        fixture = new AggregateTestFixture<>(LedgerCalendar.class);
        // 2025-03-31T23:30Z is already April in Amsterdam: March has ended there
        fixture.registerInjectableResource(Clock.fixed(Instant.parse("2025-03-31T23:30:00Z"), ZoneOffset.UTC));
        fixture.registerInjectableResource(new LedgerPeriods(ZoneId.of("Europe/Amsterdam")));
        fixture.givenNoPriorActivity().when(ClosePeriod.of(MARCH, CONTROLLER)).expectSuccessfulHandlerExecution();
    }
}
