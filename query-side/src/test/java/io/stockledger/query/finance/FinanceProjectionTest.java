package io.stockledger.query.finance;

import static io.stockledger.query.Ledger.position;
import static org.assertj.core.api.Assertions.assertThat;

import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Principal;
import io.stockledger.api.common.Quantity;
import io.stockledger.api.finance.CheckRollForward;
import io.stockledger.api.finance.GetPeriodBalances;
import io.stockledger.api.finance.LateBooking;
import io.stockledger.api.finance.PeriodBalance;
import io.stockledger.api.finance.PeriodBalances;
import io.stockledger.api.finance.PeriodBooking;
import io.stockledger.api.finance.PeriodClosed;
import io.stockledger.api.finance.QuantityFigures;
import io.stockledger.api.finance.ReasonFigures;
import io.stockledger.api.finance.RollForwardCheck;
import io.stockledger.api.stock.MovementType;
import io.stockledger.api.stock.StockCounted;
import io.stockledger.query.Ledger;
import io.stockledger.query.Projections;
import io.stockledger.query.QuerySideTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@QuerySideTest
class FinanceProjectionTest {

    private static final PositionId WIDGET_AT_EAST = position("WIDGET-EA", "DC-EAST");
    private static final PositionId GADGET_AT_EAST = position("GADGET-EA", "DC-EAST");
    private static final PositionId WIDGET_AT_WEST = position("WIDGET-EA", "DC-WEST");
    private static final PositionId WIDGET_AT_NORTH = position("WIDGET-EA", "DC-NORTH");
    private static final YearMonth JANUARY = YearMonth.parse("2025-01");
    private static final YearMonth FEBRUARY = YearMonth.parse("2025-02");
    private static final YearMonth MARCH = YearMonth.parse("2025-03");

    @Autowired
    Projections projections;

    @Autowired
    QueryGateway queries;

    Ledger ledger;

    @BeforeEach
    void emptyProjections() {
        projections.clear();
        ledger = new Ledger().startingAt(1);
    }

    @Test
    void booksBackdatedReceiptsAndShipmentsIntoTheirOwnPeriodAndRollsTheLaterOnesForward() {
        projections.given(
                ledger.receive(WIDGET_AT_EAST, "RCV-1", "2025-01-05T10:00:00Z", 100),
                ledger.ship(WIDGET_AT_EAST, "SHP-1", "2025-02-10T10:00:00Z", 30),
                ledger.receive(WIDGET_AT_EAST, "RCV-2", "2025-03-03T10:00:00Z", 50),
                // recorded later, dated into January and February
                ledger.ship(WIDGET_AT_EAST, "SHP-2", "2025-01-20T10:00:00Z", 10),
                ledger.receive(WIDGET_AT_EAST, "RCV-3", "2025-02-01T00:00:00Z", 5));

        assertThat(row(JANUARY).quantity()).isEqualTo(new QuantityFigures(0, 100, -10, 0, 0, 0, 0, 0, 90));
        assertThat(row(FEBRUARY).quantity()).isEqualTo(new QuantityFigures(90, 5, -30, 0, 0, 0, 0, 0, 65));
        assertThat(row(MARCH).quantity()).isEqualTo(new QuantityFigures(65, 50, 0, 0, 0, 0, 0, 0, 115));
        assertThat(rollForward().violations()).isEmpty();
    }

    @Test
    void backordersAreNotStockMovementsAndFinanceBooksNothingForThem() {
        projections.given(
                ledger.receive(WIDGET_AT_EAST, "RCV-1", "2025-01-05T10:00:00Z", 6, "2.00"),
                ledger.reserve(WIDGET_AT_EAST, "RES-1", "2025-01-06T10:00:00Z", 6, "WEB"),
                ledger.backordered(
                        WIDGET_AT_EAST, "RES-1", "2025-01-06T10:00:00Z", 4, "WEB", Ledger.backorders(4, 4, 4)),
                ledger.receive(WIDGET_AT_EAST, "RCV-2", "2025-01-07T10:00:00Z", 4, "2.00"),
                ledger.backorderFilled(
                        WIDGET_AT_EAST, "RES-1", "2025-01-07T10:00:00Z", 3, "WEB", "RCV-2", Ledger.backorders(1, 1, 1)),
                ledger.backorderReleased(
                        WIDGET_AT_EAST, "RES-1", "2025-01-08T10:00:00Z", 1, "WEB", Ledger.backorders(0, 0, 0)));

        assertThat(row(JANUARY).quantity()).isEqualTo(new QuantityFigures(0, 10, 0, 0, 0, 0, 0, 0, 10));
        assertThat(row(JANUARY).value().closing()).isEqualByComparingTo("20.00");
        assertThat(rollForward().violations()).isEmpty();
    }

    @Test
    void valuesIssuesAtTheMovingAverageCostAsOfTheirBusinessTime() {
        projections.given(
                ledger.receive(WIDGET_AT_EAST, "RCV-1", "2025-01-05T10:00:00Z", 100, "2.00"),
                ledger.ship(WIDGET_AT_EAST, "SHP-1", "2025-01-10T10:00:00Z", 40),
                ledger.receive(WIDGET_AT_EAST, "RCV-2", "2025-01-15T10:00:00Z", 60, "3.00"),
                ledger.ship(WIDGET_AT_EAST, "SHP-2", "2025-02-01T10:00:00Z", 20));

        PeriodBalance january = row(JANUARY);
        assertThat(january.value().receipts()).isEqualByComparingTo("380.00");
        assertThat(january.value().shipments()).isEqualByComparingTo("-80.00");
        assertThat(january.value().closing()).isEqualByComparingTo("300.00");
        // 120 units worth 300.00: 2.50 each
        assertThat(row(FEBRUARY).value().shipments()).isEqualByComparingTo("-50.00");
        assertThat(row(FEBRUARY).value().closing()).isEqualByComparingTo("250.00");
    }

    @Test
    void aBackdatedReceiptRevaluesTheLaterIssuesOfOpenPeriods() {
        projections.given(
                ledger.receive(WIDGET_AT_EAST, "RCV-1", "2025-01-05T10:00:00Z", 100, "2.00"),
                ledger.ship(WIDGET_AT_EAST, "SHP-1", "2025-01-10T10:00:00Z", 40),
                ledger.receive(WIDGET_AT_EAST, "RCV-2", "2025-01-15T10:00:00Z", 60, "3.00"),
                ledger.ship(WIDGET_AT_EAST, "SHP-2", "2025-02-01T10:00:00Z", 20),
                ledger.receive(WIDGET_AT_EAST, "RCV-LATE", "2025-01-08T10:00:00Z", 100, "5.00"));

        // Jan 8: 200 units worth 700.00 (3.50); Jan 10: -40 × 3.50; Jan 15: 220 units worth 740.00 (3.363636)
        PeriodBalance january = row(JANUARY);
        assertThat(january.value().shipments()).isEqualByComparingTo("-140.00");
        assertThat(january.value().closing()).isEqualByComparingTo("740.00");
        PeriodBalance february = row(FEBRUARY);
        assertThat(february.value().opening()).isEqualByComparingTo("740.00");
        assertThat(february.value().shipments()).isEqualByComparingTo("-67.27");
        assertThat(february.value().closing()).isEqualByComparingTo("672.73");
        assertThat(rollForward().violations()).isEmpty();
    }

    @Test
    void anIssueThatEmptiesThePositionTakesItsWholeValue() {
        projections.given(
                ledger.receive(WIDGET_AT_EAST, "RCV-1", "2025-01-05T10:00:00Z", 3, "1.00"),
                ledger.receive(WIDGET_AT_EAST, "RCV-2", "2025-01-06T10:00:00Z", 3, "1.01"),
                ledger.ship(WIDGET_AT_EAST, "SHP-1", "2025-01-07T10:00:00Z", 1),
                ledger.ship(WIDGET_AT_EAST, "SHP-2", "2025-01-08T10:00:00Z", 5));

        PeriodBalance january = row(JANUARY);
        assertThat(january.value().shipments()).isEqualByComparingTo("-6.03");
        assertThat(january.value().closing()).isEqualByComparingTo("0.00");
    }

    @Test
    void showsEveryKindOfMovementAndAdjustmentsByReason() {
        projections.given(
                ledger.receive(WIDGET_AT_EAST, "RCV-1", "2025-01-02T10:00:00Z", 100, "1.00"),
                ledger.because("DAMAGE_FOUND").adjust(WIDGET_AT_EAST, "ADJ-1", "2025-01-03T10:00:00Z", -4),
                ledger.because(null).count(WIDGET_AT_EAST, "CNT-1", "2025-01-04T10:00:00Z", 94),
                ledger.returned(WIDGET_AT_EAST, "RET-1", "2025-01-05T10:00:00Z", 3, true),
                ledger.damage(WIDGET_AT_EAST, "DMG-1", "2025-01-06T10:00:00Z", 2, false),
                ledger.writeOff(WIDGET_AT_EAST, "WOF-1", "2025-01-07T10:00:00Z", 2),
                ledger.transferOut(WIDGET_AT_EAST, "TRF-1", "2025-01-08T10:00:00Z", 10, "DC-WEST"),
                ledger.putInTransit(WIDGET_AT_WEST, "TRF-1", "2025-01-08T10:00:00Z", 10, "DC-EAST", "TRF-1"),
                ledger.transferIn(WIDGET_AT_WEST, "TIN-1", "2025-01-09T10:00:00Z", 10, "TRF-1"),
                ledger.shortPick(WIDGET_AT_EAST, "SPK-1", "2025-01-10T10:00:00Z", 1));

        PeriodBalance east = row(JANUARY);
        assertThat(east.quantity()).isEqualTo(new QuantityFigures(0, 100, 0, 0, -10, 3, -7, -2, 84));
        assertThat(east.adjustmentsByReason())
                .containsExactly(
                        new ReasonFigures("COUNT", -2, new BigDecimal("-2.00")),
                        new ReasonFigures("DAMAGE_FOUND", -4, new BigDecimal("-4.00")),
                        new ReasonFigures("SHORT_PICK", -1, new BigDecimal("-1.00")));
        PeriodBalance west = balances(JANUARY).rows().stream()
                .filter(r -> r.location().equals("DC-WEST"))
                .findFirst()
                .orElseThrow();
        assertThat(west.quantity().transfersIn()).isEqualTo(10);
        assertThat(west.value().transfersIn()).isEqualByComparingTo("10.00");
    }

    @Test
    void aPeriodWithoutMovementsCarriesThePreviousClosing() {
        projections.given(
                ledger.receive(WIDGET_AT_EAST, "RCV-1", "2025-01-05T10:00:00Z", 10, "2.00"),
                ledger.receive(GADGET_AT_EAST, "RCV-2", "2025-03-05T10:00:00Z", 4, "1.00"));

        PeriodBalances february = balances(FEBRUARY);
        assertThat(february.rows()).hasSize(1);
        assertThat(february.rows().get(0).quantity()).isEqualTo(new QuantityFigures(10, 0, 0, 0, 0, 0, 0, 0, 10));
        assertThat(february.rows().get(0).value().closing()).isEqualByComparingTo("20.00");
    }

    @Test
    void totalsPerLocationAndForTheWholeLedger() {
        projections.given(
                ledger.receive(WIDGET_AT_EAST, "RCV-1", "2025-01-05T10:00:00Z", 10, "2.00"),
                ledger.receive(GADGET_AT_EAST, "RCV-2", "2025-01-05T10:00:00Z", 4, "1.00"),
                ledger.receive(WIDGET_AT_WEST, "RCV-3", "2025-01-05T10:00:00Z", 1, "7.00"));

        PeriodBalances january = balances(JANUARY);
        assertThat(january.locationTotals())
                .extracting(PeriodBalance::location, t -> t.quantity().closing(), t -> t.value()
                        .closing())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("DC-EAST", 14L, new BigDecimal("24.00")),
                        org.assertj.core.groups.Tuple.tuple("DC-WEST", 1L, new BigDecimal("7.00")));
        assertThat(january.ledgerTotal().quantity().closing()).isEqualTo(15);
        assertThat(january.ledgerTotal().value().closing()).isEqualByComparingTo("31.00");
        assertThat(january.currency()).isEqualTo("EUR");
    }

    @Test
    void aCountRecomputedByABackdatedMovementKeepsTheBalancesAfterTheCount() {
        projections.given(
                ledger.receive(WIDGET_AT_EAST, "RCV-1", "2025-01-05T10:00:00Z", 10),
                ledger.count(WIDGET_AT_EAST, "CNT-1", "2025-02-10T10:00:00Z", 8),
                ledger.backdatedBeforeACount().receive(WIDGET_AT_EAST, "RCV-LATE", "2025-01-20T10:00:00Z", 5),
                ledger.recomputeCount(WIDGET_AT_EAST, "CNT-1", "2025-02-10T10:00:00Z", -2, -7, "RCV-LATE"));

        assertThat(row(JANUARY).quantity().closing()).isEqualTo(15);
        assertThat(row(FEBRUARY).quantity()).isEqualTo(new QuantityFigures(15, 0, 0, 0, 0, 0, -7, 0, 8));
        assertThat(rollForward().violations()).isEmpty();
    }

    @Test
    void aMovementBookedIntoTheFirstOpenPeriodKeepsItsBusinessTimeAndLeavesTheClosedPeriodAsItWas() {
        projections.given(ledger.receive(WIDGET_AT_EAST, "RCV-1", "2025-01-05T10:00:00Z", 10, "2.00"));
        projections.given(closed(JANUARY, 1000));
        org.axonframework.eventhandling.EventMessage<?> late = ledger.receive(
                        WIDGET_AT_EAST, "RCV-LATE", "2025-01-20T10:00:00Z", 5, "2.00")
                .andMetaData(new PeriodBooking(FEBRUARY, Instant.parse("2025-02-01T00:00:00Z")).asMetaData());
        projections.given(late);

        assertThat(row(JANUARY).quantity().closing()).isEqualTo(10);
        assertThat(row(FEBRUARY).quantity()).isEqualTo(new QuantityFigures(10, 5, 0, 0, 0, 0, 0, 0, 15));
        PeriodBalances february = balances(FEBRUARY);
        assertThat(february.closed()).isFalse();
        assertThat(balances(JANUARY).closed()).isTrue();
        assertThat(february.lateBookings())
                .containsExactly(new LateBooking(
                        "WIDGET-EA",
                        "DC-EAST",
                        "RCV-LATE",
                        "RECEIPT",
                        5,
                        new BigDecimal("10.00"),
                        Instant.parse("2025-01-20T10:00:00Z"),
                        Instant.parse("2025-02-01T00:00:00Z")));
    }

    @Test
    void aCountRecomputationDatedInAClosedPeriodIsBookedIntoTheFirstOpenOne() {
        projections.given(
                ledger.receive(WIDGET_AT_EAST, "RCV-1", "2025-01-05T10:00:00Z", 10, "1.00"),
                ledger.count(WIDGET_AT_EAST, "CNT-1", "2025-01-10T10:00:00Z", 8));
        projections.given(closed(JANUARY, 1000));
        projections.given(
                ledger.backdatedBeforeACount()
                        .receive(WIDGET_AT_EAST, "RCV-LATE", "2025-01-07T10:00:00Z", 5, "1.00")
                        .andMetaData(new PeriodBooking(FEBRUARY, Instant.parse("2025-02-01T00:00:00Z")).asMetaData()),
                ledger.recomputeCount(WIDGET_AT_EAST, "CNT-1", "2025-01-10T10:00:00Z", -2, -7, "RCV-LATE"));

        assertThat(row(JANUARY).quantity()).isEqualTo(new QuantityFigures(0, 10, 0, 0, 0, 0, -2, 0, 8));
        assertThat(row(FEBRUARY).quantity()).isEqualTo(new QuantityFigures(8, 5, 0, 0, 0, 0, -5, 0, 8));
        assertThat(balances(FEBRUARY).lateBookings())
                .extracting(LateBooking::movementId)
                .containsExactly("RCV-LATE", "CNT-1");
        assertThat(rollForward().violations()).isEmpty();
    }

    @Test
    void aRedeliveredEventIsBookedOnce() {
        TrackedEventMessage<?> receipt = ledger.receive(WIDGET_AT_EAST, "RCV-1", "2025-01-05T10:00:00Z", 10, "2.00");
        projections.given(receipt);
        projections.deliver(Projections.FINANCE, receipt);

        assertThat(row(JANUARY).quantity().closing()).isEqualTo(10);
        assertThat(row(JANUARY).value().closing()).isEqualByComparingTo("20.00");
    }

    @Test
    void theRollForwardCheckNamesABrokenRow(@Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        projections.given(
                ledger.receive(WIDGET_AT_EAST, "RCV-1", "2025-01-05T10:00:00Z", 10, "2.00"),
                ledger.receive(WIDGET_AT_EAST, "RCV-2", "2025-02-05T10:00:00Z", 10, "2.00"));
        jdbc.sql("UPDATE finance_period SET opening_quantity = 11 WHERE period = '2025-02'")
                .update();

        RollForwardCheck check = rollForward();
        assertThat(check.rowsChecked()).isEqualTo(2);
        assertThat(check.violations())
                .extracting(v -> v.period().toString() + " " + v.rule() + " " + v.expected() + "/" + v.actual())
                .containsExactly(
                        "2025-02 opening + movements = closing (quantity) 21/20",
                        "2025-02 opening = previous closing (quantity) 10/11");
    }

    @Test
    void aBackdatedReceiptAtTheSourceRevaluesTheTransferInAndTheDestinationsLaterIssues() {
        projections.given(
                ledger.receive(WIDGET_AT_EAST, "RCV-1", "2025-01-05T10:00:00Z", 10, "2.00"),
                ledger.transferOut(WIDGET_AT_EAST, "TRF-1", "2025-01-10T10:00:00Z", 10, "DC-WEST"),
                ledger.putInTransit(WIDGET_AT_WEST, "TRF-1", "2025-01-10T10:00:00Z", 10, "DC-EAST", "TRF-1"),
                ledger.transferIn(WIDGET_AT_WEST, "TIN-1", "2025-01-11T10:00:00Z", 10, "TRF-1"),
                ledger.ship(WIDGET_AT_WEST, "SHP-1", "2025-02-03T10:00:00Z", 4));
        assertThat(row(WIDGET_AT_WEST, JANUARY).value().transfersIn()).isEqualByComparingTo("20.00");

        projections.given(ledger.receive(WIDGET_AT_EAST, "RCV-LATE", "2025-01-06T10:00:00Z", 10, "4.00"));

        // Jan 6: 20 units worth 60.00 (3.00); the transfer takes 10 × 3.00 to the west, whose shipment goes at 3.00
        assertThat(row(WIDGET_AT_EAST, JANUARY).value().transfersOut()).isEqualByComparingTo("-30.00");
        assertThat(row(WIDGET_AT_EAST, JANUARY).value().closing()).isEqualByComparingTo("30.00");
        assertThat(row(WIDGET_AT_WEST, JANUARY).value().transfersIn()).isEqualByComparingTo("30.00");
        assertThat(row(WIDGET_AT_WEST, FEBRUARY).value().opening()).isEqualByComparingTo("30.00");
        assertThat(row(WIDGET_AT_WEST, FEBRUARY).value().shipments()).isEqualByComparingTo("-12.00");
        assertThat(row(WIDGET_AT_WEST, FEBRUARY).value().closing()).isEqualByComparingTo("18.00");
        assertValueConserved(JANUARY, FEBRUARY);
        assertThat(rollForward().violations()).isEmpty();
    }

    @Test
    void aBackdatedIssueAtTheSourceRevaluesTheTransferIn() {
        projections.given(
                ledger.receive(WIDGET_AT_EAST, "RCV-1", "2025-01-05T10:00:00Z", 10, "2.00"),
                ledger.receive(WIDGET_AT_EAST, "RCV-2", "2025-01-08T10:00:00Z", 10, "4.00"),
                ledger.transferOut(WIDGET_AT_EAST, "TRF-1", "2025-01-10T10:00:00Z", 10, "DC-WEST"),
                ledger.putInTransit(WIDGET_AT_WEST, "TRF-1", "2025-01-10T10:00:00Z", 10, "DC-EAST", "TRF-1"),
                ledger.transferIn(WIDGET_AT_WEST, "TIN-1", "2025-01-11T10:00:00Z", 10, "TRF-1"),
                ledger.ship(WIDGET_AT_EAST, "SHP-LATE", "2025-01-06T10:00:00Z", 5));

        // Jan 6: 5 units worth 10.00; Jan 8: 15 worth 50.00 (3.333333); the transfer takes 10 of them: 33.33
        assertThat(row(WIDGET_AT_EAST, JANUARY).value().transfersOut()).isEqualByComparingTo("-33.33");
        assertThat(row(WIDGET_AT_WEST, JANUARY).value().transfersIn()).isEqualByComparingTo("33.33");
        assertThat(row(WIDGET_AT_WEST, JANUARY).value().closing()).isEqualByComparingTo("33.33");
        assertValueConserved(JANUARY);
    }

    @Test
    void aCountAtTheSourceDatedBeforeTheTransferRevaluesTheTransferIn() {
        projections.given(
                ledger.receive(WIDGET_AT_EAST, "RCV-1", "2025-01-05T10:00:00Z", 10, "2.00"),
                ledger.receive(WIDGET_AT_EAST, "RCV-2", "2025-01-08T10:00:00Z", 10, "4.00"),
                ledger.transferOut(WIDGET_AT_EAST, "TRF-1", "2025-01-10T10:00:00Z", 10, "DC-WEST"),
                ledger.putInTransit(WIDGET_AT_WEST, "TRF-1", "2025-01-10T10:00:00Z", 10, "DC-EAST", "TRF-1"),
                ledger.transferIn(WIDGET_AT_WEST, "TIN-1", "2025-01-11T10:00:00Z", 10, "TRF-1"));
        assertThat(row(WIDGET_AT_WEST, JANUARY).value().transfersIn()).isEqualByComparingTo("30.00");

        // Counted none on Jan 6: only the receipt of Jan 8 is left to transfer, at 4.00
        projections.given(ledger.record(new StockCounted(
                WIDGET_AT_EAST,
                ledger.movement("CNT-1", MovementType.COUNT, "2025-01-06T10:00:00Z"),
                Quantity.of(0),
                Quantity.of(-10),
                ledger.current(WIDGET_AT_EAST))));

        assertThat(row(WIDGET_AT_EAST, JANUARY).value().adjustments()).isEqualByComparingTo("-20.00");
        assertThat(row(WIDGET_AT_EAST, JANUARY).value().transfersOut()).isEqualByComparingTo("-40.00");
        assertThat(row(WIDGET_AT_EAST, JANUARY).value().closing()).isEqualByComparingTo("0.00");
        assertThat(row(WIDGET_AT_WEST, JANUARY).value().transfersIn()).isEqualByComparingTo("40.00");
        assertValueConserved(JANUARY);
        assertThat(rollForward().violations()).isEmpty();
    }

    @Test
    void aRevaluationFollowsAChainOfTransfers() {
        projections.given(
                ledger.receive(WIDGET_AT_EAST, "RCV-1", "2025-01-05T10:00:00Z", 10, "2.00"),
                ledger.transferOut(WIDGET_AT_EAST, "TRF-1", "2025-01-10T10:00:00Z", 10, "DC-WEST"),
                ledger.putInTransit(WIDGET_AT_WEST, "TRF-1", "2025-01-10T10:00:00Z", 10, "DC-EAST", "TRF-1"),
                ledger.transferIn(WIDGET_AT_WEST, "TIN-1", "2025-01-11T10:00:00Z", 10, "TRF-1"),
                ledger.transferOut(WIDGET_AT_WEST, "TRF-2", "2025-02-01T10:00:00Z", 6, "DC-NORTH"),
                ledger.putInTransit(WIDGET_AT_NORTH, "TRF-2", "2025-02-01T10:00:00Z", 6, "DC-WEST", "TRF-2"),
                ledger.transferIn(WIDGET_AT_NORTH, "TIN-2", "2025-02-02T10:00:00Z", 6, "TRF-2"),
                ledger.ship(WIDGET_AT_NORTH, "SHP-1", "2025-02-03T10:00:00Z", 3),
                ledger.receive(WIDGET_AT_EAST, "RCV-LATE", "2025-01-06T10:00:00Z", 10, "4.00"));

        // 3.00 a unit from the east, through the west, to the north and out of it
        assertThat(row(WIDGET_AT_WEST, FEBRUARY).value().transfersOut()).isEqualByComparingTo("-18.00");
        assertThat(row(WIDGET_AT_WEST, FEBRUARY).value().closing()).isEqualByComparingTo("12.00");
        assertThat(row(WIDGET_AT_NORTH, FEBRUARY).value().transfersIn()).isEqualByComparingTo("18.00");
        assertThat(row(WIDGET_AT_NORTH, FEBRUARY).value().shipments()).isEqualByComparingTo("-9.00");
        assertThat(row(WIDGET_AT_NORTH, FEBRUARY).value().closing()).isEqualByComparingTo("9.00");
        assertValueConserved(JANUARY, FEBRUARY);
        assertThat(rollForward().violations()).isEmpty();
    }

    @Test
    void aTransferReceivedInPartsBringsExactlyWhatItsSourceIssued() {
        projections.given(
                ledger.receive(WIDGET_AT_EAST, "RCV-1", "2025-01-05T10:00:00Z", 4, "0.025"),
                ledger.transferOut(WIDGET_AT_EAST, "TRF-1", "2025-01-10T10:00:00Z", 4, "DC-WEST"),
                ledger.putInTransit(WIDGET_AT_WEST, "TRF-1", "2025-01-10T10:00:00Z", 4, "DC-EAST", "TRF-1"),
                ledger.transferIn(WIDGET_AT_WEST, "TIN-1", "2025-01-11T10:00:00Z", 1, "TRF-1"),
                ledger.transferIn(WIDGET_AT_WEST, "TIN-2", "2025-01-12T10:00:00Z", 1, "TRF-1"));
        // 0.10 for 4 units: half of it has arrived, the rest is in transit
        assertThat(row(WIDGET_AT_WEST, JANUARY).value().transfersIn()).isEqualByComparingTo("0.05");

        projections.given(
                ledger.transferIn(WIDGET_AT_WEST, "TIN-3", "2025-01-13T10:00:00Z", 1, "TRF-1"),
                ledger.transferIn(WIDGET_AT_WEST, "TIN-4", "2025-01-14T10:00:00Z", 1, "TRF-1"));
        assertThat(row(WIDGET_AT_WEST, JANUARY).value().transfersIn()).isEqualByComparingTo("0.10");

        projections.given(ledger.receive(WIDGET_AT_EAST, "RCV-LATE", "2025-01-06T10:00:00Z", 4, "1.00"));
        // 8 units worth 4.10: the transfer takes half, 2.05, shared out 0.51, 0.51, 0.52, 0.51 on the running total
        assertThat(row(WIDGET_AT_WEST, JANUARY).value().transfersIn()).isEqualByComparingTo("2.05");
        assertValueConserved(JANUARY);
        assertThat(rollForward().violations()).isEmpty();
    }

    @Test
    void aTransferWithATransferInInAClosedPeriodKeepsItsValueAndTheRevaluationStaysAtTheSource() {
        // The units were booked in at the west on January 31st, before the transfer out dated February 2nd
        projections.given(
                ledger.receive(WIDGET_AT_EAST, "RCV-1", "2025-01-05T10:00:00Z", 10, "2.00"),
                ledger.transferOut(WIDGET_AT_EAST, "TRF-1", "2025-02-02T10:00:00Z", 5, "DC-WEST"),
                ledger.putInTransit(WIDGET_AT_WEST, "TRF-1", "2025-02-02T10:00:00Z", 5, "DC-EAST", "TRF-1"),
                ledger.transferIn(WIDGET_AT_WEST, "TIN-1", "2025-01-31T10:00:00Z", 5, "TRF-1"));
        projections.given(closed(JANUARY, 1000));
        PeriodBalance westBefore = row(WIDGET_AT_WEST, JANUARY);

        projections.given(ledger.receive(WIDGET_AT_EAST, "RCV-FEB", "2025-02-01T10:00:00Z", 10, "4.00"));

        assertThat(row(WIDGET_AT_WEST, JANUARY)).isEqualTo(westBefore);
        assertThat(row(WIDGET_AT_WEST, JANUARY).value().transfersIn()).isEqualByComparingTo("10.00");
        // 20 units worth 60.00 on Feb 1; the transfer keeps its 10.00, the east keeps 50.00 for its 15 units
        assertThat(row(WIDGET_AT_EAST, FEBRUARY).value().transfersOut()).isEqualByComparingTo("-10.00");
        assertThat(row(WIDGET_AT_EAST, FEBRUARY).value().closing()).isEqualByComparingTo("50.00");
        assertValueConserved(JANUARY, FEBRUARY);
        assertThat(rollForward().violations()).isEmpty();
    }

    @Test
    void aTransferInBookedBeforeItsTransferOutTakesItsValueOnceTheTransferOutIsBooked() {
        TrackedEventMessage<?> receipt = ledger.receive(WIDGET_AT_EAST, "RCV-1", "2025-01-05T10:00:00Z", 10, "2.00");
        TrackedEventMessage<?> out = ledger.transferOut(WIDGET_AT_EAST, "TRF-1", "2025-01-10T10:00:00Z", 10, "DC-WEST");
        TrackedEventMessage<?> inTransit =
                ledger.putInTransit(WIDGET_AT_WEST, "TRF-1", "2025-01-10T10:00:00Z", 10, "DC-EAST", "TRF-1");
        TrackedEventMessage<?> in = ledger.transferIn(WIDGET_AT_WEST, "TIN-1", "2025-01-11T10:00:00Z", 10, "TRF-1");
        // as a processor with a segment per location could see them
        projections.deliver(Projections.FINANCE, inTransit, in, receipt, out);

        assertThat(row(WIDGET_AT_WEST, JANUARY).value().transfersIn()).isEqualByComparingTo("20.00");
        assertValueConserved(JANUARY);
    }

    @Test
    void theRollForwardCheckNamesATransferWhoseTransfersInDoNotAddUpToItsTransferOut(
            @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        projections.given(
                ledger.receive(WIDGET_AT_EAST, "RCV-1", "2025-01-05T10:00:00Z", 10, "2.00"),
                ledger.transferOut(WIDGET_AT_EAST, "TRF-1", "2025-01-10T10:00:00Z", 10, "DC-WEST"),
                ledger.putInTransit(WIDGET_AT_WEST, "TRF-1", "2025-01-10T10:00:00Z", 10, "DC-EAST", "TRF-1"),
                ledger.transferIn(WIDGET_AT_WEST, "TIN-1", "2025-01-11T10:00:00Z", 10, "TRF-1"));
        jdbc.sql("UPDATE finance_movement SET amount = 15 WHERE movement_id = 'TIN-1'")
                .update();

        assertThat(rollForward().violations())
                .extracting(
                        v -> v.location() + " " + v.period() + " " + v.rule() + " " + v.expected() + "/" + v.actual())
                .containsExactly(
                        "DC-EAST 2025-01 transfer in = transfer out (value), transfer TRF-1 20.000000/15.000000");
    }

    private TrackedEventMessage<?> closed(YearMonth period, long globalPosition) {
        return new GenericTrackedEventMessage<>(
                new GlobalSequenceTrackingToken(globalPosition),
                GenericEventMessage.asEventMessage(new PeriodClosed(
                        "ledger", period, Principal.of("controller"), Instant.parse("2025-03-01T09:00:00Z"))));
    }

    private PeriodBalance row(YearMonth period) {
        return row(WIDGET_AT_EAST, period);
    }

    private PeriodBalance row(PositionId position, YearMonth period) {
        return balances(period).rows().stream()
                .filter(r -> r.sku().equals(position.sku().value())
                        && r.location().equals(position.location().value()))
                .findFirst()
                .orElseThrow();
    }

    /**
     * Across the ledger, stock value = value received − value issued ± adjustments: transfers only move value between
     * positions (none is left in transit here), over every period from the first to the last given.
     */
    private void assertValueConserved(YearMonth... periods) {
        BigDecimal transfers = BigDecimal.ZERO;
        BigDecimal outside = BigDecimal.ZERO;
        long inTransit = 0;
        PeriodBalance last = null;
        for (YearMonth period : periods) {
            last = balances(period).ledgerTotal();
            inTransit -= last.quantity().transfersIn() + last.quantity().transfersOut();
            transfers =
                    transfers.add(last.value().transfersIn()).add(last.value().transfersOut());
            outside = outside.add(last.value().movements())
                    .subtract(last.value().transfersIn())
                    .subtract(last.value().transfersOut());
        }
        assertThat(inTransit).isZero();
        assertThat(transfers).isEqualByComparingTo("0");
        assertThat(last.value().closing()).isEqualByComparingTo(outside);
    }

    private PeriodBalances balances(YearMonth period) {
        return queries.query(new GetPeriodBalances(period, null, null), PeriodBalances.class)
                .join();
    }

    private RollForwardCheck rollForward() {
        return queries.query(new CheckRollForward(), RollForwardCheck.class).join();
    }
}
