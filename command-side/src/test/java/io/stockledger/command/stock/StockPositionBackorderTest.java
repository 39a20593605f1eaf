package io.stockledger.command.stock;

import static io.stockledger.command.stock.StockPositionTest.NINE;
import static io.stockledger.command.stock.StockPositionTest.ORIGIN;
import static io.stockledger.command.stock.StockPositionTest.RECORDED_AT;
import static io.stockledger.command.stock.StockPositionTest.WIDGET_AT_DC1;
import static io.stockledger.command.stock.StockPositionTest.header;
import static io.stockledger.command.stock.StockPositionTest.received;
import static io.stockledger.command.stock.StockPositionTest.units;

import io.stockledger.api.common.ChannelId;
import io.stockledger.api.common.MovementId;
import io.stockledger.api.common.Quantity;
import io.stockledger.api.common.ReservationId;
import io.stockledger.api.stock.BackorderFilled;
import io.stockledger.api.stock.BackorderReleased;
import io.stockledger.api.stock.Backordered;
import io.stockledger.api.stock.Balance;
import io.stockledger.api.stock.Movement;
import io.stockledger.api.stock.MovementType;
import io.stockledger.api.stock.ReceiveStock;
import io.stockledger.api.stock.ReservedStockReleased;
import io.stockledger.api.stock.ReservedStockShipped;
import io.stockledger.api.stock.StockBackordered;
import io.stockledger.api.stock.StockReceived;
import io.stockledger.api.stock.StockReserved;
import io.stockledger.command.stock.StockRefusal.InsufficientAvailableStock;
import java.time.Clock;
import java.time.ZoneOffset;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Backorders on a stock position: a reservation line beyond available stock is a backorder where the channel's
 * policy allows it, within its limit per channel on the position; it is in no bucket; stock that becomes available
 * covers it, oldest first; a release gives up backordered units first; only covered units ship. The reservation
 * desk drives these operations; here a stand-in desk sends them to the aggregate one by one.
 */
class StockPositionBackorderTest {

    static final ChannelId WEB = ChannelId.of("web");
    static final ChannelId B2B = ChannelId.of("b2b");
    static final ReservationId R1 = ReservationId.of("res-1");
    static final ReservationId R2 = ReservationId.of("res-2");
    static final Quantity LIMIT_5 = units(5);

    AggregateTestFixture<StockPosition> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(StockPosition.class);
        fixture.registerInjectableResource(Clock.fixed(RECORDED_AT, ZoneOffset.UTC));
        fixture.registerAnnotatedCommandHandler(new Desk(fixture.getRepository()));
    }

    // --- what the reservation desk asks of a position --------------------------------------------------------

    record Reserve(
            @TargetAggregateIdentifier String positionId,
            ReservationId reservationId,
            ChannelId channel,
            Quantity quantity,
            Quantity backorderLimit) {}

    record Release(@TargetAggregateIdentifier String positionId, ReservationId reservationId, Quantity quantity) {}

    record Ship(@TargetAggregateIdentifier String positionId, ReservationId reservationId, Quantity quantity) {}

    static final class Desk {
        private final Repository<StockPosition> positions;

        Desk(Repository<StockPosition> positions) {
            this.positions = positions;
        }

        @CommandHandler
        void handle(Reserve command) {
            positions
                    .load(command.positionId())
                    .execute(p -> p.reserve(
                            command.reservationId(),
                            command.channel(),
                            command.quantity(),
                            command.backorderLimit(),
                            reservation(command.reservationId(), MovementType.RESERVATION)));
        }

        @CommandHandler
        void handle(Release command) {
            positions
                    .load(command.positionId())
                    .execute(p -> p.releaseReserved(
                            command.reservationId(),
                            command.quantity(),
                            reservation(command.reservationId(), MovementType.RESERVATION_RELEASE)));
        }

        @CommandHandler
        void handle(Ship command) {
            positions
                    .load(command.positionId())
                    .execute(p -> p.shipReserved(
                            command.reservationId(),
                            command.quantity(),
                            reservation(command.reservationId(), MovementType.FULFILMENT)));
        }
    }

    static Movement reservation(ReservationId reservationId, MovementType type) {
        return new Movement(MovementId.of(reservationId.value()), type, RECORDED_AT, RECORDED_AT, null, ORIGIN);
    }

    static Reserve reserve(ReservationId reservationId, ChannelId channel, long quantity, Quantity limit) {
        return new Reserve(WIDGET_AT_DC1.toString(), reservationId, channel, units(quantity), limit);
    }

    static Balance stock(long onHand, long reserved) {
        return new Balance(units(onHand), units(reserved), Quantity.ZERO, Quantity.ZERO, Quantity.ZERO);
    }

    static StockReserved reserved(ReservationId reservationId, ChannelId channel, long quantity, Balance after) {
        return new StockReserved(
                WIDGET_AT_DC1,
                reservation(reservationId, MovementType.RESERVATION),
                units(quantity),
                reservationId,
                channel,
                after);
    }

    static StockBackordered backordered(
            ReservationId reservationId, ChannelId channel, long quantity, Backordered figures, Balance after) {
        return new StockBackordered(
                WIDGET_AT_DC1,
                reservation(reservationId, MovementType.RESERVATION),
                units(quantity),
                reservationId,
                channel,
                figures,
                after);
    }

    /** Backordered after the event: of the reservation, of its channel, of the position. */
    static Backordered figures(long reservation, long channel, long position) {
        return new Backordered(units(reservation), units(channel), units(position));
    }

    static BackorderFilled filled(
            ReservationId reservationId,
            ChannelId channel,
            long quantity,
            String causedBy,
            Backordered figures,
            Balance after) {
        return new BackorderFilled(
                WIDGET_AT_DC1,
                reservation(reservationId, MovementType.RESERVATION),
                units(quantity),
                reservationId,
                channel,
                MovementId.of(causedBy),
                figures,
                after);
    }

    // --- the rules ----------------------------------------------------------------------------------------------

    @Test
    void canBackorderBeyondAvailableStockWithinTheChannelsLimit() {
        fixture.given(received("rcpt-1", 6, NINE, 6))
                .when(reserve(R1, WEB, 10, LIMIT_5))
                .expectSuccessfulHandlerExecution()
                .expectEvents(
                        reserved(R1, WEB, 6, stock(6, 6)), backordered(R1, WEB, 4, figures(4, 4, 4), stock(6, 6)));
    }

    @Test
    void canBackorderAWholeLineWhenNothingIsAvailable() {
        fixture.given(received("rcpt-1", 6, NINE, 6), reserved(R1, B2B, 6, stock(6, 6)))
                .when(reserve(R2, WEB, 3, LIMIT_5))
                .expectEvents(backordered(R2, WEB, 3, figures(3, 3, 3), stock(6, 6)));
    }

    @Test
    void cannotReserveBeyondAvailableStockWithoutBackorders() {
        fixture.given(received("rcpt-1", 6, NINE, 6))
                .when(reserve(R1, WEB, 10, Quantity.ZERO))
                .expectException(InsufficientAvailableStock.class)
                .expectNoEvents();
    }

    @Test
    void cannotBackorderBeyondTheChannelsLimit() {
        fixture.given(received("rcpt-1", 6, NINE, 6))
                .when(reserve(R1, WEB, 12, LIMIT_5))
                .expectException(BackorderRefusal.LimitExceeded.class)
                .expectExceptionMessage("WIDGET-EA@DC1: channel web may reserve 6 and backorder 5 more, 12 requested")
                .expectNoEvents();
    }

    @Test
    void theLimitCountsTheChannelsOutstandingBackordersOnThePosition() {
        fixture.given(
                        received("rcpt-1", 6, NINE, 6),
                        reserved(R1, WEB, 6, stock(6, 6)),
                        backordered(R1, WEB, 4, figures(4, 4, 4), stock(6, 6)))
                .when(reserve(R2, WEB, 2, LIMIT_5))
                .expectException(BackorderRefusal.LimitExceeded.class)
                .expectNoEvents();
    }

    @Test
    void anotherChannelsBackordersDoNotCountAgainstTheLimit() {
        fixture.given(
                        received("rcpt-1", 6, NINE, 6),
                        reserved(R1, WEB, 6, stock(6, 6)),
                        backordered(R1, WEB, 4, figures(4, 4, 4), stock(6, 6)))
                .when(reserve(R2, B2B, 2, LIMIT_5))
                .expectEvents(backordered(R2, B2B, 2, figures(2, 2, 6), stock(6, 6)));
    }

    @Test
    void aReceiptCoversOutstandingBackordersOldestFirst() {
        fixture.given(
                        received("rcpt-1", 6, NINE, 6),
                        reserved(R1, WEB, 6, stock(6, 6)),
                        backordered(R1, WEB, 4, figures(4, 4, 4), stock(6, 6)),
                        backordered(R2, B2B, 3, figures(3, 3, 7), stock(6, 6)))
                .when(new ReceiveStock(WIDGET_AT_DC1, units(5), null, header("rcpt-2", NINE.plusSeconds(60))))
                .expectEvents(
                        new StockReceived(
                                WIDGET_AT_DC1,
                                Movement.of(header("rcpt-2", NINE.plusSeconds(60)), MovementType.RECEIPT, RECORDED_AT),
                                units(5),
                                null,
                                stock(11, 6)),
                        filled(R1, WEB, 4, "rcpt-2", figures(0, 0, 3), stock(11, 10)),
                        filled(R2, B2B, 1, "rcpt-2", figures(2, 2, 2), stock(11, 11)));
    }

    @Test
    void aCoveredBackorderIsReservedStockThatShips() {
        fixture.given(
                        received("rcpt-1", 6, NINE, 6),
                        reserved(R1, WEB, 6, stock(6, 6)),
                        backordered(R1, WEB, 4, figures(4, 4, 4), stock(6, 6)),
                        received("rcpt-2", 4, NINE, 10),
                        filled(R1, WEB, 4, "rcpt-2", figures(0, 0, 0), stock(10, 10)))
                .when(new Ship(WIDGET_AT_DC1.toString(), R1, units(10)))
                .expectEvents(new ReservedStockShipped(
                        WIDGET_AT_DC1, reservation(R1, MovementType.FULFILMENT), units(10), R1, stock(0, 0)));
    }

    @Test
    void cannotShipBackorderedUnits() {
        fixture.given(
                        received("rcpt-1", 6, NINE, 6),
                        reserved(R1, WEB, 6, stock(6, 6)),
                        backordered(R1, WEB, 4, figures(4, 4, 4), stock(6, 6)))
                .when(new Ship(WIDGET_AT_DC1.toString(), R1, units(7)))
                .expectException(BackorderRefusal.NotCovered.class)
                .expectNoEvents();
    }

    @Test
    void aReleaseGivesUpBackorderedUnitsFirst() {
        fixture.given(
                        received("rcpt-1", 6, NINE, 6),
                        reserved(R1, WEB, 6, stock(6, 6)),
                        backordered(R1, WEB, 4, figures(4, 4, 4), stock(6, 6)))
                .when(new Release(WIDGET_AT_DC1.toString(), R1, units(5)))
                .expectEvents(
                        new BackorderReleased(
                                WIDGET_AT_DC1,
                                reservation(R1, MovementType.RESERVATION_RELEASE),
                                units(4),
                                R1,
                                WEB,
                                figures(0, 0, 0),
                                stock(6, 6)),
                        new ReservedStockReleased(
                                WIDGET_AT_DC1,
                                reservation(R1, MovementType.RESERVATION_RELEASE),
                                units(1),
                                R1,
                                stock(6, 5)));
    }

    @Test
    void stockGivenBackByAReleaseCoversOtherBackorders() {
        fixture.given(
                        received("rcpt-1", 6, NINE, 6),
                        reserved(R1, WEB, 6, stock(6, 6)),
                        backordered(R2, B2B, 3, figures(3, 3, 3), stock(6, 6)))
                .when(new Release(WIDGET_AT_DC1.toString(), R1, units(6)))
                .expectEvents(
                        new ReservedStockReleased(
                                WIDGET_AT_DC1,
                                reservation(R1, MovementType.RESERVATION_RELEASE),
                                units(6),
                                R1,
                                stock(6, 0)),
                        new BackorderFilled(
                                WIDGET_AT_DC1,
                                reservation(R2, MovementType.RESERVATION),
                                units(3),
                                R2,
                                B2B,
                                MovementId.of(R1.value()),
                                figures(0, 0, 0),
                                stock(6, 3)));
    }
}
