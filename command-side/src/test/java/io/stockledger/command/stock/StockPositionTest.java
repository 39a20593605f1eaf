package io.stockledger.command.stock;

import io.stockledger.api.common.CorrelationId;
import io.stockledger.api.common.LocationId;
import io.stockledger.api.common.MovementId;
import io.stockledger.api.common.Origin;
import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Principal;
import io.stockledger.api.common.Quantity;
import io.stockledger.api.common.ReasonCode;
import io.stockledger.api.common.ReferenceDocument;
import io.stockledger.api.common.SourceSystem;
import io.stockledger.api.stock.AdjustStock;
import io.stockledger.api.stock.Balance;
import io.stockledger.api.stock.CountDifferenceRecomputed;
import io.stockledger.api.stock.CountStock;
import io.stockledger.api.stock.DamageStock;
import io.stockledger.api.stock.Movement;
import io.stockledger.api.stock.MovementHeader;
import io.stockledger.api.stock.MovementType;
import io.stockledger.api.stock.PutStockInTransit;
import io.stockledger.api.stock.QuarantineStock;
import io.stockledger.api.stock.ReceiveStock;
import io.stockledger.api.stock.ReleaseFromQuarantine;
import io.stockledger.api.stock.ReportShortPick;
import io.stockledger.api.stock.ReturnStock;
import io.stockledger.api.stock.ShipStock;
import io.stockledger.api.stock.StockAdjusted;
import io.stockledger.api.stock.StockCounted;
import io.stockledger.api.stock.StockDamaged;
import io.stockledger.api.stock.StockPutInTransit;
import io.stockledger.api.stock.StockQuarantined;
import io.stockledger.api.stock.StockReceived;
import io.stockledger.api.stock.StockReleasedFromQuarantine;
import io.stockledger.api.stock.StockReturned;
import io.stockledger.api.stock.StockShipped;
import io.stockledger.api.stock.StockShortPicked;
import io.stockledger.api.stock.StockTransferredIn;
import io.stockledger.api.stock.StockTransferredOut;
import io.stockledger.api.stock.StockWrittenOff;
import io.stockledger.api.stock.TransferStockIn;
import io.stockledger.api.stock.TransferStockOut;
import io.stockledger.api.stock.WriteOffStock;
import io.stockledger.command.stock.StockRefusal.HeldStockExceedsOnHand;
import io.stockledger.command.stock.StockRefusal.InsufficientAvailableStock;
import io.stockledger.command.stock.StockRefusal.InsufficientHeldStock;
import io.stockledger.command.stock.StockRefusal.OnHandMismatch;
import io.stockledger.command.stock.StockRefusal.OnHandWouldGoNegative;
import io.stockledger.command.stock.StockRefusal.TransferNotInTransit;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The ledger rules of a stock position, as given events / when command / then events or refusal. */
class StockPositionTest {

    static final PositionId WIDGET_AT_DC1 = PositionId.of("WIDGET-EA", "DC1");
    static final LocationId DC2 = LocationId.of("DC2");
    static final Instant RECORDED_AT = Instant.parse("2026-11-23T12:00:00Z");
    static final Instant NINE = Instant.parse("2026-11-20T09:00:00Z");
    static final Instant TEN = NINE.plusSeconds(3600);
    static final Instant ELEVEN = TEN.plusSeconds(3600);
    static final Instant NOON = ELEVEN.plusSeconds(3600);
    static final Origin ORIGIN = new Origin(
            SourceSystem.of("wms-dc1"),
            new ReferenceDocument("ASN", "4711"),
            Principal.of("wms-connector"),
            CorrelationId.of("order-42"));
    static final ReasonCode CYCLE_COUNT = ReasonCode.of("CYCLE_COUNT");
    static final ReasonCode BREAKAGE = ReasonCode.of("BREAKAGE");

    AggregateTestFixture<StockPosition> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(StockPosition.class);
        fixture.registerInjectableResource(Clock.fixed(RECORDED_AT, ZoneOffset.UTC));
    }

    static Quantity units(long units) {
        return Quantity.of(units);
    }

    static MovementHeader header(String id, Instant at) {
        return new MovementHeader(MovementId.of(id), at, null, ORIGIN);
    }

    static MovementHeader header(String id, Instant at, ReasonCode reason) {
        return new MovementHeader(MovementId.of(id), at, reason, ORIGIN);
    }

    static Movement movement(String id, MovementType type, Instant at) {
        return Movement.of(header(id, at), type, RECORDED_AT);
    }

    static Movement movement(String id, MovementType type, Instant at, ReasonCode reason) {
        return Movement.of(header(id, at, reason), type, RECORDED_AT);
    }

    /** Buckets: on hand, quarantined, damaged, in transit (nothing is reserved before reservations exist). */
    static Balance balance(long onHand, long quarantined, long damaged, long inTransit) {
        return new Balance(units(onHand), Quantity.ZERO, units(quarantined), units(damaged), units(inTransit));
    }

    static Balance onHand(long onHand) {
        return balance(onHand, 0, 0, 0);
    }

    static StockReceived received(String id, long quantity, Instant at, long onHandAfter) {
        return new StockReceived(
                WIDGET_AT_DC1, movement(id, MovementType.RECEIPT, at), units(quantity), null, onHand(onHandAfter));
    }

    static StockShipped shipped(String id, long quantity, Instant at, long onHandAfter) {
        return new StockShipped(
                WIDGET_AT_DC1, movement(id, MovementType.SHIPMENT, at), units(quantity), onHand(onHandAfter));
    }

    static StockCounted counted(String id, long counted, long difference, Instant at, long onHandAfter) {
        return new StockCounted(
                WIDGET_AT_DC1,
                movement(id, MovementType.COUNT, at),
                units(counted),
                units(difference),
                onHand(onHandAfter));
    }

    static StockQuarantined quarantined(String id, long quantity, Balance after) {
        return new StockQuarantined(WIDGET_AT_DC1, movement(id, MovementType.QUARANTINE, NINE), units(quantity), after);
    }

    static StockDamaged damaged(String id, long quantity, Balance after) {
        return new StockDamaged(WIDGET_AT_DC1, movement(id, MovementType.DAMAGE, NINE), units(quantity), false, after);
    }

    static StockPutInTransit putInTransit(String transferId, long quantity, long inTransitAfter) {
        return new StockPutInTransit(
                WIDGET_AT_DC1,
                movement(transferId, MovementType.IN_TRANSIT, NINE),
                units(quantity),
                DC2,
                MovementId.of(transferId),
                balance(0, 0, 0, inTransitAfter));
    }

    @Nested
    class Receipts {

        @Test
        void canReceiveStockIntoANewPosition() {
            fixture.givenNoPriorActivity()
                    .when(new ReceiveStock(WIDGET_AT_DC1, units(10), new BigDecimal("2.50"), header("r1", NINE)))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new StockReceived(
                            WIDGET_AT_DC1,
                            movement("r1", MovementType.RECEIPT, NINE),
                            units(10),
                            new BigDecimal("2.50"),
                            onHand(10)));
        }

        @Test
        void receiptsAddUp() {
            fixture.given(received("r1", 10, NINE, 10))
                    .when(new ReceiveStock(WIDGET_AT_DC1, units(5), null, header("r2", TEN)))
                    .expectEvents(received("r2", 5, TEN, 15));
        }
    }

    @Nested
    class Shipments {

        @Test
        void canShipAvailableStock() {
            fixture.given(received("r1", 10, NINE, 10))
                    .when(new ShipStock(WIDGET_AT_DC1, units(10), header("s1", TEN)))
                    .expectEvents(shipped("s1", 10, TEN, 0));
        }

        @Test
        void cannotShipMoreThanAvailable() {
            fixture.given(received("r1", 10, NINE, 10))
                    .when(new ShipStock(WIDGET_AT_DC1, units(11), header("s1", TEN)))
                    .expectException(InsufficientAvailableStock.class)
                    .expectNoEvents();
        }

        @Test
        void cannotShipFromAPositionThatNeverHadStock() {
            fixture.givenNoPriorActivity()
                    .when(new ShipStock(WIDGET_AT_DC1, units(1), header("s1", TEN)))
                    .expectException(InsufficientAvailableStock.class)
                    .expectNoEvents();
        }

        @Test
        void cannotShipQuarantinedOrDamagedStock() {
            fixture.given(
                            received("r1", 10, NINE, 10),
                            quarantined("q1", 4, balance(10, 4, 0, 0)),
                            damaged("d1", 3, balance(10, 4, 3, 0)))
                    .when(new ShipStock(WIDGET_AT_DC1, units(4), header("s1", TEN)))
                    .expectException(InsufficientAvailableStock.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class Adjustments {

        @Test
        void canAdjustDownWithAReason() {
            fixture.given(received("r1", 10, NINE, 10))
                    .when(new AdjustStock(WIDGET_AT_DC1, units(-3), null, header("a1", TEN, BREAKAGE)))
                    .expectEvents(new StockAdjusted(
                            WIDGET_AT_DC1,
                            movement("a1", MovementType.ADJUSTMENT, TEN, BREAKAGE),
                            units(-3),
                            onHand(7)));
        }

        @Test
        void cannotAdjustOnHandBelowZero() {
            fixture.given(received("r1", 10, NINE, 10))
                    .when(new AdjustStock(WIDGET_AT_DC1, units(-11), null, header("a1", TEN, BREAKAGE)))
                    .expectException(OnHandWouldGoNegative.class)
                    .expectNoEvents();
        }

        @Test
        void cannotAdjustOnHandBelowHeldStock() {
            fixture.given(received("r1", 10, NINE, 10), quarantined("q1", 8, balance(10, 8, 0, 0)))
                    .when(new AdjustStock(WIDGET_AT_DC1, units(-3), null, header("a1", TEN, BREAKAGE)))
                    .expectException(HeldStockExceedsOnHand.class)
                    .expectNoEvents();
        }

        @Test
        void cannotAdjustAgainstAStaleOnHand() {
            fixture.given(received("r1", 10, NINE, 10))
                    .when(new AdjustStock(WIDGET_AT_DC1, units(2), units(9), header("a1", TEN, BREAKAGE)))
                    .expectException(OnHandMismatch.class)
                    .expectNoEvents();
        }

        @Test
        void canAdjustAgainstTheCurrentOnHand() {
            fixture.given(received("r1", 10, NINE, 10))
                    .when(new AdjustStock(WIDGET_AT_DC1, units(2), units(10), header("a1", TEN, BREAKAGE)))
                    .expectSuccessfulHandlerExecution();
        }
    }

    @Nested
    class Counts {

        @Test
        void countSetsOnHandAndRecordsTheDifference() {
            fixture.given(received("r1", 10, NINE, 10))
                    .when(new CountStock(WIDGET_AT_DC1, units(7), null, header("c1", TEN)))
                    .expectEvents(counted("c1", 7, -3, TEN, 7));
        }

        @Test
        void countOfANewPositionRecordsWhatWasFound() {
            fixture.givenNoPriorActivity()
                    .when(new CountStock(WIDGET_AT_DC1, units(4), null, header("c1", TEN)))
                    .expectEvents(counted("c1", 4, 4, TEN, 4));
        }

        @Test
        void cannotCountAgainstAStaleOnHand() {
            fixture.given(received("r1", 10, NINE, 10))
                    .when(new CountStock(WIDGET_AT_DC1, units(7), units(12), header("c1", TEN)))
                    .expectException(OnHandMismatch.class)
                    .expectNoEvents();
        }

        @Test
        void cannotCountBelowHeldStock() {
            fixture.given(received("r1", 10, NINE, 10), quarantined("q1", 5, balance(10, 5, 0, 0)))
                    .when(new CountStock(WIDGET_AT_DC1, units(4), null, header("c1", TEN)))
                    .expectException(HeldStockExceedsOnHand.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class QuarantineAndDamage {

        @Test
        void canQuarantineAvailableStock() {
            fixture.given(received("r1", 10, NINE, 10))
                    .when(new QuarantineStock(WIDGET_AT_DC1, units(4), header("q1", NINE)))
                    .expectEvents(quarantined("q1", 4, balance(10, 4, 0, 0)));
        }

        @Test
        void cannotQuarantineMoreThanAvailable() {
            fixture.given(received("r1", 10, NINE, 10), damaged("d1", 7, balance(10, 0, 7, 0)))
                    .when(new QuarantineStock(WIDGET_AT_DC1, units(4), header("q1", NINE)))
                    .expectException(InsufficientAvailableStock.class)
                    .expectNoEvents();
        }

        @Test
        void canReleaseQuarantinedStock() {
            fixture.given(received("r1", 10, NINE, 10), quarantined("q1", 4, balance(10, 4, 0, 0)))
                    .when(new ReleaseFromQuarantine(WIDGET_AT_DC1, units(4), header("q2", TEN)))
                    .expectEvents(new StockReleasedFromQuarantine(
                            WIDGET_AT_DC1,
                            movement("q2", MovementType.QUARANTINE_RELEASE, TEN),
                            units(4),
                            balance(10, 0, 0, 0)));
        }

        @Test
        void cannotReleaseMoreThanQuarantined() {
            fixture.given(received("r1", 10, NINE, 10), quarantined("q1", 4, balance(10, 4, 0, 0)))
                    .when(new ReleaseFromQuarantine(WIDGET_AT_DC1, units(5), header("q2", TEN)))
                    .expectException(InsufficientHeldStock.class)
                    .expectNoEvents();
        }

        @Test
        void canDamageAvailableStock() {
            fixture.given(received("r1", 10, NINE, 10))
                    .when(new DamageStock(WIDGET_AT_DC1, units(3), false, header("d1", NINE)))
                    .expectEvents(damaged("d1", 3, balance(10, 0, 3, 0)));
        }

        @Test
        void canDamageQuarantinedStock() {
            fixture.given(received("r1", 10, NINE, 10), quarantined("q1", 4, balance(10, 4, 0, 0)))
                    .when(new DamageStock(WIDGET_AT_DC1, units(3), true, header("d1", TEN)))
                    .expectEvents(new StockDamaged(
                            WIDGET_AT_DC1,
                            movement("d1", MovementType.DAMAGE, TEN),
                            units(3),
                            true,
                            balance(10, 1, 3, 0)));
        }

        @Test
        void cannotDamageMoreThanQuarantinedFromQuarantine() {
            fixture.given(received("r1", 10, NINE, 10), quarantined("q1", 2, balance(10, 2, 0, 0)))
                    .when(new DamageStock(WIDGET_AT_DC1, units(3), true, header("d1", TEN)))
                    .expectException(InsufficientHeldStock.class)
                    .expectNoEvents();
        }

        @Test
        void canWriteOffDamagedStock() {
            fixture.given(received("r1", 10, NINE, 10), damaged("d1", 3, balance(10, 0, 3, 0)))
                    .when(new WriteOffStock(WIDGET_AT_DC1, units(3), header("w1", TEN, BREAKAGE)))
                    .expectEvents(new StockWrittenOff(
                            WIDGET_AT_DC1,
                            movement("w1", MovementType.WRITE_OFF, TEN, BREAKAGE),
                            units(3),
                            balance(7, 0, 0, 0)));
        }

        @Test
        void cannotWriteOffMoreThanDamaged() {
            fixture.given(received("r1", 10, NINE, 10), damaged("d1", 3, balance(10, 0, 3, 0)))
                    .when(new WriteOffStock(WIDGET_AT_DC1, units(4), header("w1", TEN)))
                    .expectException(InsufficientHeldStock.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class Transfers {

        @Test
        void canTransferOutAvailableStock() {
            fixture.given(received("r1", 10, NINE, 10))
                    .when(new TransferStockOut(WIDGET_AT_DC1, units(6), DC2, header("t1", TEN)))
                    .expectEvents(new StockTransferredOut(
                            WIDGET_AT_DC1, movement("t1", MovementType.TRANSFER_OUT, TEN), units(6), DC2, onHand(4)));
        }

        @Test
        void cannotTransferOutMoreThanAvailable() {
            fixture.given(received("r1", 10, NINE, 10))
                    .when(new TransferStockOut(WIDGET_AT_DC1, units(11), DC2, header("t1", TEN)))
                    .expectException(InsufficientAvailableStock.class)
                    .expectNoEvents();
        }

        @Test
        void aTransferOnItsWayIsInTransitAtTheDestination() {
            fixture.givenNoPriorActivity()
                    .when(new PutStockInTransit(WIDGET_AT_DC1, units(6), DC2, header("t1", NINE)))
                    .expectEvents(putInTransit("t1", 6, 6));
        }

        @Test
        void aTransferPutInTransitTwiceIsRecordedOnce() {
            fixture.given(putInTransit("t1", 6, 6))
                    .when(new PutStockInTransit(WIDGET_AT_DC1, units(6), DC2, header("t1", NINE)))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void canReceiveATransferInTransit() {
            fixture.given(putInTransit("t1", 6, 6))
                    .when(new TransferStockIn(WIDGET_AT_DC1, units(6), MovementId.of("t1"), header("ti1", TEN)))
                    .expectEvents(new StockTransferredIn(
                            WIDGET_AT_DC1,
                            movement("ti1", MovementType.TRANSFER_IN, TEN),
                            units(6),
                            MovementId.of("t1"),
                            balance(6, 0, 0, 0)));
        }

        @Test
        void canReceiveATransferInParts() {
            fixture.given(putInTransit("t1", 6, 6))
                    .andGivenCommands(
                            new TransferStockIn(WIDGET_AT_DC1, units(4), MovementId.of("t1"), header("ti1", TEN)))
                    .when(new TransferStockIn(WIDGET_AT_DC1, units(2), MovementId.of("t1"), header("ti2", ELEVEN)))
                    .expectEvents(new StockTransferredIn(
                            WIDGET_AT_DC1,
                            movement("ti2", MovementType.TRANSFER_IN, ELEVEN),
                            units(2),
                            MovementId.of("t1"),
                            balance(6, 0, 0, 0)));
        }

        @Test
        void cannotReceiveATransferTwice() {
            fixture.given(putInTransit("t1", 6, 6))
                    .andGivenCommands(
                            new TransferStockIn(WIDGET_AT_DC1, units(6), MovementId.of("t1"), header("ti1", TEN)))
                    .when(new TransferStockIn(WIDGET_AT_DC1, units(1), MovementId.of("t1"), header("ti2", ELEVEN)))
                    .expectException(TransferNotInTransit.class)
                    .expectNoEvents();
        }

        @Test
        void cannotReceiveMoreThanWasDispatched() {
            fixture.given(putInTransit("t1", 6, 6))
                    .when(new TransferStockIn(WIDGET_AT_DC1, units(7), MovementId.of("t1"), header("ti1", TEN)))
                    .expectException(TransferNotInTransit.class)
                    .expectNoEvents();
        }

        @Test
        void cannotReceiveAnUnknownTransfer() {
            fixture.given(putInTransit("t1", 6, 6))
                    .when(new TransferStockIn(WIDGET_AT_DC1, units(1), MovementId.of("t2"), header("ti1", TEN)))
                    .expectException(TransferNotInTransit.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class ReturnsAndShortPicks {

        @Test
        void canReturnToStock() {
            fixture.given(received("r1", 10, NINE, 10))
                    .when(new ReturnStock(WIDGET_AT_DC1, units(2), false, header("ret1", TEN)))
                    .expectEvents(new StockReturned(
                            WIDGET_AT_DC1, movement("ret1", MovementType.RETURN, TEN), units(2), false, onHand(12)));
        }

        @Test
        void canReturnToQuarantine() {
            fixture.givenNoPriorActivity()
                    .when(new ReturnStock(WIDGET_AT_DC1, units(2), true, header("ret1", TEN)))
                    .expectEvents(new StockReturned(
                            WIDGET_AT_DC1,
                            movement("ret1", MovementType.RETURN, TEN),
                            units(2),
                            true,
                            balance(2, 2, 0, 0)));
        }

        @Test
        void canReportAShortPick() {
            fixture.given(received("r1", 10, NINE, 10))
                    .when(new ReportShortPick(WIDGET_AT_DC1, units(3), header("sp1", TEN)))
                    .expectEvents(new StockShortPicked(
                            WIDGET_AT_DC1, movement("sp1", MovementType.SHORT_PICK, TEN), units(3), onHand(7)));
        }

        @Test
        void cannotShortPickBelowZero() {
            fixture.given(received("r1", 10, NINE, 10))
                    .when(new ReportShortPick(WIDGET_AT_DC1, units(11), header("sp1", TEN)))
                    .expectException(OnHandWouldGoNegative.class)
                    .expectNoEvents();
        }
    }

    /** Movements are ordered by business time; the ledger refuses whatever would break a balance at any instant. */
    @Nested
    class BusinessTime {

        @Test
        void cannotBackdateAShipmentThatWouldTakeALaterBalanceBelowZero() {
            fixture.given(
                            received("r1", 10, NINE, 10),
                            shipped("s1", 8, NOON, 2),
                            received("r2", 10, NOON.plusSeconds(3600), 12))
                    .when(new ShipStock(WIDGET_AT_DC1, units(5), header("s2", ELEVEN)))
                    .expectException(OnHandWouldGoNegative.class)
                    .expectNoEvents();
        }

        @Test
        void cannotBackdateAShipmentBeforeTheFirstReceipt() {
            fixture.given(received("r1", 10, TEN, 10))
                    .when(new ShipStock(WIDGET_AT_DC1, units(1), header("s1", NINE)))
                    .expectException(OnHandWouldGoNegative.class)
                    .expectNoEvents();
        }

        @Test
        void canBackdateAShipmentThatKeepsEveryLaterBalance() {
            fixture.given(received("r1", 10, NINE, 10), shipped("s1", 3, NOON, 7))
                    .when(new ShipStock(WIDGET_AT_DC1, units(7), header("s2", ELEVEN)))
                    .expectEvents(shipped("s2", 7, ELEVEN, 0));
        }

        @Test
        void aReceiptBackdatedBeforeACountLeavesOnHandAndRecomputesTheCountDifference() {
            fixture.given(received("r1", 10, NINE, 10), counted("c1", 7, -3, ELEVEN, 7))
                    .when(new ReceiveStock(WIDGET_AT_DC1, units(5), null, header("r2", TEN)))
                    .expectEvents(
                            received("r2", 5, TEN, 7),
                            new CountDifferenceRecomputed(
                                    WIDGET_AT_DC1,
                                    MovementId.of("c1"),
                                    ELEVEN,
                                    units(-3),
                                    units(-8),
                                    MovementId.of("r2"),
                                    RECORDED_AT,
                                    onHand(7)));
        }

        @Test
        void aShipmentBackdatedBeforeACountIsCheckedOnlyUpToTheCount() {
            fixture.given(received("r1", 10, NINE, 10), counted("c1", 0, -10, ELEVEN, 0))
                    .when(new ShipStock(WIDGET_AT_DC1, units(10), header("s1", TEN)))
                    .expectEvents(
                            shipped("s1", 10, TEN, 0),
                            new CountDifferenceRecomputed(
                                    WIDGET_AT_DC1,
                                    MovementId.of("c1"),
                                    ELEVEN,
                                    units(-10),
                                    units(0),
                                    MovementId.of("s1"),
                                    RECORDED_AT,
                                    onHand(0)));
        }

        @Test
        void aBackdatedCountRebasesTheMovementsAfterIt() {
            fixture.given(received("r1", 10, NINE, 10), shipped("s1", 4, ELEVEN, 6))
                    .when(new CountStock(WIDGET_AT_DC1, units(5), null, header("c1", TEN)))
                    .expectEvents(counted("c1", 5, -5, TEN, 1));
        }

        @Test
        void cannotBackdateACountThatWouldTakeALaterBalanceBelowZero() {
            fixture.given(received("r1", 10, NINE, 10), shipped("s1", 4, ELEVEN, 6))
                    .when(new CountStock(WIDGET_AT_DC1, units(2), null, header("c1", TEN)))
                    .expectException(OnHandWouldGoNegative.class)
                    .expectNoEvents();
        }

        @Test
        void aMovementAtTheSameInstantAsACountButRecordedLaterComesAfterIt() {
            fixture.given(received("r1", 10, NINE, 10), counted("c1", 3, -7, TEN, 3))
                    .when(new ReceiveStock(WIDGET_AT_DC1, units(2), null, header("r2", TEN)))
                    .expectEvents(received("r2", 2, TEN, 5));
        }

        @Test
        void aCountBetweenTwoCountsRecomputesOnlyTheNextOne() {
            fixture.given(received("r1", 10, NINE, 10), counted("c1", 8, -2, TEN, 8), counted("c2", 6, -2, NOON, 6))
                    .when(new CountStock(WIDGET_AT_DC1, units(9), null, header("c3", ELEVEN)))
                    .expectEvents(
                            counted("c3", 9, 1, ELEVEN, 6),
                            new CountDifferenceRecomputed(
                                    WIDGET_AT_DC1,
                                    MovementId.of("c2"),
                                    NOON,
                                    units(-2),
                                    units(-3),
                                    MovementId.of("c3"),
                                    RECORDED_AT,
                                    onHand(6)));
        }
    }
}
