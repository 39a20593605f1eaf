package io.stockledger.command.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stockledger.api.channel.ChannelPolicy;
import io.stockledger.api.channel.DefineChannel;
import io.stockledger.api.common.ChannelId;
import io.stockledger.api.common.CorrelationId;
import io.stockledger.api.common.LocationId;
import io.stockledger.api.common.MovementId;
import io.stockledger.api.common.OrderReference;
import io.stockledger.api.common.Origin;
import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Principal;
import io.stockledger.api.common.Quantity;
import io.stockledger.api.common.ReasonCode;
import io.stockledger.api.common.ReferenceDocument;
import io.stockledger.api.common.Refusal;
import io.stockledger.api.common.ReservationId;
import io.stockledger.api.common.SourceSystem;
import io.stockledger.api.reservation.ExtendReservation;
import io.stockledger.api.reservation.FulfilReservation;
import io.stockledger.api.reservation.LineRejection;
import io.stockledger.api.reservation.PlaceReservation;
import io.stockledger.api.reservation.ReleaseReservation;
import io.stockledger.api.reservation.ReservationLine;
import io.stockledger.api.reservation.ReservationState;
import io.stockledger.api.reservation.ReservationStatus;
import io.stockledger.api.stock.BackorderReleased;
import io.stockledger.api.stock.Balance;
import io.stockledger.api.stock.CountStock;
import io.stockledger.api.stock.MovementHeader;
import io.stockledger.api.stock.MovementType;
import io.stockledger.api.stock.PositionEvent;
import io.stockledger.api.stock.ReceiveStock;
import io.stockledger.api.stock.ReservationShortfallChanged;
import io.stockledger.api.stock.ReservedStockShipped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Reservations against real positions: given commands, when a reservation command, then its state and events. */
@SpringBootTest(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:desk-${random.uuid};DB_CLOSE_DELAY=-1",
            "stockledger.reservations.expiry-sweep-ms=3600000"
        })
class ReservationDeskTest {

    static final Instant START = Instant.parse("2026-11-23T12:00:00Z");
    static final Origin ORIGIN = new Origin(
            SourceSystem.of("webshop"),
            new ReferenceDocument("ORDER", "SO-1"),
            Principal.of("oms"),
            CorrelationId.of("checkout-1"));
    static final ChannelId WEB = ChannelId.of("web");

    @Autowired
    CommandGateway commands;

    @Autowired
    EventStore events;

    @Autowired
    MutableClock clock;

    @Autowired
    ExpirySweep sweep;

    @Autowired
    ReservationDesk desk;

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock(START);
        }
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private final AtomicLong millis;

        MutableClock(Instant start) {
            millis = new AtomicLong(start.toEpochMilli());
        }

        void advance(Duration duration) {
            millis.addAndGet(duration.toMillis());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }
    }

    // --- given ---------------------------------------------------------------------------------------------------

    private static int sequence;

    static String unique(String prefix) {
        return prefix + "-" + (++sequence) + "-" + System.nanoTime();
    }

    PositionId stocked(long units) {
        PositionId position = PositionId.of(unique("SKU"), "DC1");
        if (units > 0) {
            commands.sendAndWait(new ReceiveStock(
                    position,
                    Quantity.of(units),
                    null,
                    new MovementHeader(MovementId.of(unique("r")), clock.instant(), null, ORIGIN)));
        }
        return position;
    }

    static ReservationLine line(PositionId position, long units) {
        return new ReservationLine(position, Quantity.of(units));
    }

    PlaceReservation place(ReservationId id, ReservationLine... lines) {
        return new PlaceReservation(
                id,
                WEB,
                OrderReference.of("SO-1"),
                List.of(lines),
                clock.instant().plusSeconds(900),
                ORIGIN);
    }

    ReservationState send(Object command) {
        return commands.sendAndWait(command);
    }

    Balance balanceOf(PositionId position) {
        List<PositionEvent> all = positionEvents(position);
        return all.isEmpty() ? Balance.ZERO : all.get(all.size() - 1).after();
    }

    List<PositionEvent> positionEvents(PositionId position) {
        List<PositionEvent> list = new ArrayList<>();
        events.readEvents(position.toString())
                .asStream()
                .map(EventMessage::getPayload)
                .forEach(payload -> list.add((PositionEvent) payload));
        return list;
    }

    long eventCount(String aggregateId) {
        return events.readEvents(aggregateId).asStream().count();
    }

    static Optional<Refusal> refusal(Throwable thrown) {
        return thrown instanceof CommandExecutionException e ? e.getDetails() : Optional.empty();
    }

    // --- placing ---------------------------------------------------------------------------------------------

    @Test
    void canReserveAvailableStockOnEveryLine() {
        PositionId a = stocked(10);
        PositionId b = stocked(5);
        ReservationState state = send(place(ReservationId.of(unique("res")), line(a, 4), line(b, 5)));

        assertThat(state.status()).isEqualTo(ReservationStatus.CONFIRMED);
        assertThat(state.lines()).extracting(l -> l.reserved().units()).containsExactly(4L, 5L);
        assertThat(balanceOf(a).reserved()).isEqualTo(Quantity.of(4));
        assertThat(balanceOf(a).available()).isEqualTo(Quantity.of(6));
        assertThat(balanceOf(b).available()).isEqualTo(Quantity.ZERO);
    }

    @Test
    void aReservationWithOneImpossibleLineHoldsNothingAndSaysWhy() {
        PositionId a = stocked(10);
        PositionId b = stocked(2);
        PositionId never = PositionId.of(unique("SKU"), "DC9");
        ReservationState state = send(place(ReservationId.of(unique("res")), line(a, 4), line(b, 3), line(never, 1)));

        assertThat(state.status()).isEqualTo(ReservationStatus.REJECTED);
        assertThat(state.rejections())
                .extracting(LineRejection::positionId, r -> r.available().units(), LineRejection::reason)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(b, 2L, "insufficient-available-stock"),
                        org.assertj.core.groups.Tuple.tuple(never, 0L, "insufficient-available-stock"));
        assertThat(balanceOf(a).reserved()).isEqualTo(Quantity.ZERO);
        assertThat(balanceOf(b).reserved()).isEqualTo(Quantity.ZERO);
        assertThat(eventCount(never.toString())).isZero();
    }

    @Test
    void placingTheSameReservationAgainAnswersItsStateAndChangesNothing() {
        PositionId a = stocked(10);
        ReservationId id = ReservationId.of(unique("res"));
        ReservationState first = send(place(id, line(a, 4)));
        long eventsBefore = eventCount(a.toString());

        ReservationState again = send(place(id, line(a, 9)));

        assertThat(again).isEqualTo(first);
        assertThat(eventCount(a.toString())).isEqualTo(eventsBefore);
        assertThat(eventCount(id.value())).isEqualTo(1);
    }

    @Test
    void cannotReserveStockReservedElsewhere() {
        PositionId a = stocked(10);
        send(place(ReservationId.of(unique("res")), line(a, 8)));
        ReservationState second = send(place(ReservationId.of(unique("res")), line(a, 3)));

        assertThat(second.status()).isEqualTo(ReservationStatus.REJECTED);
        assertThat(second.rejections().get(0).available()).isEqualTo(Quantity.of(2));
    }

    @Test
    void cannotPlaceAReservationThatHasAlreadyExpired() {
        PositionId a = stocked(10);
        PlaceReservation expired = new PlaceReservation(
                ReservationId.of(unique("res")),
                WEB,
                OrderReference.of("SO-1"),
                List.of(line(a, 1)),
                clock.instant(),
                ORIGIN);
        assertThatThrownBy(() -> send(expired))
                .satisfies(e -> assertThat(refusal(e)).map(Refusal::code).contains("invalid-expiry"));
        assertThat(balanceOf(a).reserved()).isEqualTo(Quantity.ZERO);
    }

    @Test
    void aReservationAskedForBeforeItsExpiryIsConfirmedEvenWhenHandledAfterIt() {
        PositionId a = stocked(10);
        Instant askedAt = clock.instant();
        PlaceReservation shortLived = new PlaceReservation(
                ReservationId.of(unique("res")),
                WEB,
                OrderReference.of("SO-1"),
                List.of(line(a, 1)),
                askedAt.plusSeconds(2),
                ORIGIN);
        clock.advance(Duration.ofSeconds(3)); // retried after lost races, or queued behind a busy instance

        ReservationState state = commands.sendAndWait(GenericCommandMessage.asCommandMessage(shortLived)
                .andMetaData(Map.of(ReservationDesk.REQUESTED_AT, askedAt.toString())));

        assertThat(state.status()).isEqualTo(ReservationStatus.CONFIRMED);
        assertThat(balanceOf(a).reserved()).isEqualTo(Quantity.of(1));
    }

    @Test
    void cannotPlaceAReservationThatHadExpiredWhenItWasAskedFor() {
        PositionId a = stocked(10);
        Instant askedAt = clock.instant();
        PlaceReservation expired = new PlaceReservation(
                ReservationId.of(unique("res")),
                WEB,
                OrderReference.of("SO-1"),
                List.of(line(a, 1)),
                askedAt.minusSeconds(1),
                ORIGIN);

        assertThatThrownBy(() -> commands.sendAndWait(GenericCommandMessage.asCommandMessage(expired)
                        .andMetaData(Map.of(ReservationDesk.REQUESTED_AT, askedAt.toString()))))
                .satisfies(e -> assertThat(refusal(e)).map(Refusal::code).contains("invalid-expiry"));
        assertThat(balanceOf(a).reserved()).isEqualTo(Quantity.ZERO);
    }

    // --- concurrency -------------------------------------------------------------------------------------------

    @Test
    void racingClientsNeverReserveMoreThanIsAvailable() throws Exception {
        PositionId hot = stocked(100);
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Callable<ReservationState>> attempts = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                ReservationId id = ReservationId.of(unique("race"));
                attempts.add(() -> send(place(id, line(hot, 3))));
            }
            long confirmedUnits = 0;
            for (Future<ReservationState> outcome : pool.invokeAll(attempts)) {
                ReservationState state = outcome.get();
                if (state.status() == ReservationStatus.CONFIRMED) {
                    confirmedUnits += 3;
                }
            }
            assertThat(confirmedUnits).isEqualTo(99);
            assertThat(balanceOf(hot).reserved()).isEqualTo(Quantity.of(99));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theSameReservationPlacedConcurrentlyIsCreatedOnce() throws Exception {
        PositionId a = stocked(100);
        ReservationId id = ReservationId.of(unique("twin"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<ReservationState>> attempts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                attempts.add(() -> send(place(id, line(a, 5))));
            }
            for (Future<ReservationState> outcome : pool.invokeAll(attempts)) {
                assertThat(outcome.get().status()).isEqualTo(ReservationStatus.CONFIRMED);
            }
            assertThat(eventCount(id.value())).isEqualTo(1);
            assertThat(balanceOf(a).reserved()).isEqualTo(Quantity.of(5));
        } finally {
            pool.shutdownNow();
        }
    }

    // --- release, fulfil, extend, expire ----------------------------------------------------------------------

    @Test
    void canReleaseAWholeReservation() {
        PositionId a = stocked(10);
        PositionId b = stocked(10);
        ReservationId id = ReservationId.of(unique("res"));
        send(place(id, line(a, 4), line(b, 2)));

        ReservationState state = send(new ReleaseReservation(id, List.of(), ORIGIN));

        assertThat(state.status()).isEqualTo(ReservationStatus.RELEASED);
        assertThat(balanceOf(a).reserved()).isEqualTo(Quantity.ZERO);
        assertThat(balanceOf(b).reserved()).isEqualTo(Quantity.ZERO);
    }

    @Test
    void canReleasePartOfALine() {
        PositionId a = stocked(10);
        PositionId b = stocked(10);
        ReservationId id = ReservationId.of(unique("res"));
        send(place(id, line(a, 4), line(b, 2)));

        ReservationState state = send(new ReleaseReservation(id, List.of(line(a, 3)), ORIGIN));

        assertThat(state.status()).isEqualTo(ReservationStatus.CONFIRMED);
        assertThat(state.lines()).extracting(l -> l.reserved().units()).containsExactly(1L, 2L);
        assertThat(balanceOf(a).reserved()).isEqualTo(Quantity.of(1));
    }

    @Test
    void cannotReleaseMoreThanALineHolds() {
        PositionId a = stocked(10);
        ReservationId id = ReservationId.of(unique("res"));
        send(place(id, line(a, 4)));
        long before = eventCount(a.toString());

        assertThatThrownBy(() -> send(new ReleaseReservation(id, List.of(line(a, 5)), ORIGIN)))
                .satisfies(e -> assertThat(refusal(e)).map(Refusal::code).contains("insufficient-reserved-stock"));
        assertThat(eventCount(a.toString())).isEqualTo(before);
    }

    @Test
    void cannotReleaseAPositionTheReservationDoesNotHold() {
        PositionId a = stocked(10);
        PositionId other = stocked(10);
        ReservationId id = ReservationId.of(unique("res"));
        send(place(id, line(a, 4)));

        assertThatThrownBy(() -> send(new ReleaseReservation(id, List.of(line(other, 1)), ORIGIN)))
                .satisfies(e -> assertThat(refusal(e)).map(Refusal::code).contains("unknown-reservation-line"));
    }

    @Test
    void cannotReleaseARejectedReservation() {
        PositionId a = stocked(1);
        ReservationId id = ReservationId.of(unique("res"));
        send(place(id, line(a, 4)));

        assertThatThrownBy(() -> send(new ReleaseReservation(id, List.of(), ORIGIN)))
                .satisfies(e -> assertThat(refusal(e)).map(Refusal::code).contains("reservation-not-active"));
    }

    @Test
    void fulfillingShipsTheReservedStock() {
        PositionId a = stocked(10);
        ReservationId id = ReservationId.of(unique("res"));
        send(place(id, line(a, 4)));
        MovementHeader shipment = new MovementHeader(MovementId.of(unique("ship")), clock.instant(), null, ORIGIN);

        ReservationState partly = send(new FulfilReservation(id, List.of(line(a, 3)), shipment));
        ReservationState again = send(new FulfilReservation(id, List.of(line(a, 3)), shipment));

        assertThat(partly.status()).isEqualTo(ReservationStatus.CONFIRMED);
        assertThat(again).isEqualTo(partly);
        assertThat(balanceOf(a).onHand()).isEqualTo(Quantity.of(7));
        assertThat(balanceOf(a).reserved()).isEqualTo(Quantity.of(1));
        assertThat(positionEvents(a))
                .filteredOn(ReservedStockShipped.class::isInstance)
                .hasSize(1);

        ReservationState rest = send(new FulfilReservation(
                id, List.of(), new MovementHeader(MovementId.of(unique("ship")), clock.instant(), null, ORIGIN)));
        assertThat(rest.status()).isEqualTo(ReservationStatus.FULFILLED);
        assertThat(balanceOf(a))
                .isEqualTo(new Balance(Quantity.of(6), Quantity.ZERO, Quantity.ZERO, Quantity.ZERO, Quantity.ZERO));
    }

    @Test
    void canExtendButNotShortenAReservation() {
        PositionId a = stocked(10);
        ReservationId id = ReservationId.of(unique("res"));
        ReservationState placed = send(place(id, line(a, 4)));

        ReservationState extended =
                send(new ExtendReservation(id, placed.expiresAt().plusSeconds(600), ORIGIN));
        assertThat(extended.expiresAt()).isEqualTo(placed.expiresAt().plusSeconds(600));

        assertThatThrownBy(() -> send(new ExtendReservation(id, placed.expiresAt(), ORIGIN)))
                .satisfies(e -> assertThat(refusal(e)).map(Refusal::code).contains("invalid-expiry"));
    }

    @Test
    void aReservationExpiresByItselfAndGivesItsStockBack() {
        PositionId a = stocked(10);
        ReservationId id = ReservationId.of(unique("res"));
        send(place(id, line(a, 4)));

        clock.advance(Duration.ofSeconds(899));
        sweep.sweep();
        assertThat(balanceOf(a).reserved()).isEqualTo(Quantity.of(4));

        clock.advance(Duration.ofSeconds(1));
        sweep.sweep();
        assertThat(balanceOf(a).reserved()).isEqualTo(Quantity.ZERO);
        ReservationState state = send(place(id, line(a, 4)));
        assertThat(state.status()).isEqualTo(ReservationStatus.EXPIRED);
    }

    @Test
    void aChannelRedefinedToAllowBackordersBackordersFromItsNextReservation() {
        ChannelId channel = ChannelId.of(unique("redefined"));
        PositionId a = stocked(6);
        commands.sendAndWait(new DefineChannel(channel, backorders(false), ORIGIN));
        PlaceReservation before = place(ReservationId.of(unique("res")), line(a, 9));
        assertThat(send(new PlaceReservation(
                                before.reservationId(),
                                channel,
                                before.orderReference(),
                                before.lines(),
                                before.expiresAt(),
                                before.origin()))
                        .status())
                .isEqualTo(ReservationStatus.REJECTED);

        commands.sendAndWait(new DefineChannel(channel, backorders(true), ORIGIN));
        PlaceReservation after = place(ReservationId.of(unique("res")), line(a, 9));
        ReservationState placed = send(new PlaceReservation(
                after.reservationId(),
                channel,
                after.orderReference(),
                after.lines(),
                after.expiresAt(),
                after.origin()));

        assertThat(placed.status())
                .as("the policy read again, not the one kept")
                .isEqualTo(ReservationStatus.CONFIRMED);
        assertThat(placed.lines())
                .extracting(l -> l.reserved().units(), l -> l.backordered().units())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(6L, 3L));
    }

    private static ChannelPolicy backorders(boolean allowed) {
        return new ChannelPolicy(
                List.of(LocationId.of("DC1")),
                Quantity.ZERO,
                List.of(),
                Quantity.ZERO,
                100,
                allowed,
                allowed ? Quantity.of(5) : Quantity.ZERO);
    }

    @Test
    void anExpiryGivesUpABackorderAndGivesTheReservedStockBack() {
        ChannelId channel = ChannelId.of(unique("backorders"));
        commands.sendAndWait(new DefineChannel(
                channel,
                new ChannelPolicy(
                        List.of(LocationId.of("DC1")),
                        Quantity.ZERO,
                        List.of(),
                        Quantity.ZERO,
                        100,
                        true,
                        Quantity.of(5)),
                ORIGIN));
        PositionId a = stocked(6);
        ReservationId id = ReservationId.of(unique("res"));
        PlaceReservation placing = place(id, line(a, 9));
        ReservationState placed = send(new PlaceReservation(
                id, channel, placing.orderReference(), placing.lines(), placing.expiresAt(), placing.origin()));
        assertThat(placed.lines())
                .extracting(l -> l.reserved().units(), l -> l.backordered().units())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(6L, 3L));

        clock.advance(Duration.ofSeconds(900));
        sweep.sweep();

        assertThat(balanceOf(a).reserved()).isEqualTo(Quantity.ZERO);
        assertThat(positionEvents(a))
                .filteredOn(BackorderReleased.class::isInstance)
                .singleElement()
                .satisfies(e -> {
                    BackorderReleased released = (BackorderReleased) e;
                    assertThat(released.quantity()).isEqualTo(Quantity.of(3));
                    assertThat(released.movement().type()).isEqualTo(MovementType.RESERVATION_EXPIRY);
                    assertThat(released.backordered().position()).isEqualTo(Quantity.ZERO);
                });
        assertThat(send(place(id, line(a, 9))).status()).isEqualTo(ReservationStatus.EXPIRED);
    }

    @Test
    void anExtendedReservationDoesNotExpireAtItsOldExpiry() {
        PositionId a = stocked(10);
        ReservationId id = ReservationId.of(unique("res"));
        ReservationState placed = send(place(id, line(a, 4)));
        send(new ExtendReservation(id, placed.expiresAt().plusSeconds(600), ORIGIN));

        clock.advance(Duration.ofSeconds(900));
        sweep.sweep();

        assertThat(balanceOf(a).reserved()).isEqualTo(Quantity.of(4));
    }

    // --- shortfalls --------------------------------------------------------------------------------------------

    @Test
    void aCountBelowReservedMakesTheNewestReservationsShortUntilStockArrives() {
        PositionId a = stocked(10);
        ReservationId older = ReservationId.of(unique("old"));
        ReservationId newer = ReservationId.of(unique("new"));
        send(place(older, line(a, 5)));
        send(place(newer, line(a, 4)));

        commands.sendAndWait(new CountStock(
                a,
                Quantity.of(6),
                null,
                new MovementHeader(MovementId.of(unique("c")), clock.instant(), ReasonCode.of("CYCLE_COUNT"), ORIGIN)));

        ReservationShortfallChanged shortfall = lastShortfall(a);
        assertThat(shortfall.shortfall()).isEqualTo(Quantity.of(3));
        assertThat(shortfall.shortages())
                .containsExactly(new ReservationShortfallChanged.Shortage(newer, Quantity.of(3)));

        stockMore(a, 5);
        assertThat(lastShortfall(a).shortfall()).isEqualTo(Quantity.ZERO);
    }

    private void stockMore(PositionId position, long units) {
        commands.sendAndWait(new ReceiveStock(
                position,
                Quantity.of(units),
                null,
                new MovementHeader(MovementId.of(unique("r")), clock.instant(), null, ORIGIN)));
    }

    private ReservationShortfallChanged lastShortfall(PositionId position) {
        List<PositionEvent> all = positionEvents(position);
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i) instanceof ReservationShortfallChanged changed) {
                return changed;
            }
        }
        throw new AssertionError("no shortfall recorded on " + position);
    }
}
