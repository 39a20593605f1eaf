package io.stockledger.query.reservation;

import static io.stockledger.query.Ledger.backorders;
import static io.stockledger.query.Ledger.line;
import static io.stockledger.query.Ledger.position;
import static io.stockledger.query.Ledger.rejection;
import static io.stockledger.query.Ledger.shortage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.ReservationId;
import io.stockledger.api.reservation.GetReservation;
import io.stockledger.api.reservation.ReservationEvent;
import io.stockledger.api.reservation.ReservationStatus;
import io.stockledger.api.reservation.ReservationView;
import io.stockledger.api.reservation.ReservationView.Line;
import io.stockledger.api.reservation.ReservationView.Rejection;
import io.stockledger.query.Ledger;
import io.stockledger.query.Projections;
import io.stockledger.query.QuerySideTest;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.assertj.core.groups.Tuple;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Given a reservation's events, the reservations projection holds what the reservation aggregate holds: status,
 * expiry and per line what is still reserved, fulfilled and released; and, from the positions' shortfall events,
 * what each line is short.
 */
@QuerySideTest
class ReservationProjectionTest {

    private static final PositionId WIDGET_AT_EAST = position("WIDGET-EA", "DC-EAST");
    private static final PositionId GADGET_AT_EAST = position("GADGET-EA", "DC-EAST");
    private static final PositionId WIDGET_AT_WEST = position("WIDGET-EA", "DC-WEST");
    private static final String EXPIRY = "2024-06-02T08:00:00Z";

    @Autowired
    Projections projections;

    @Autowired
    QueryGateway queries;

    @Autowired
    EventProcessingConfiguration processing;

    Ledger ledger;

    @BeforeEach
    void emptyProjections() {
        projections.clear();
        ledger = new Ledger().startingAt(0);
    }

    @Test
    void aConfirmedReservationHoldsEveryLineUntilItsExpiry() {
        TrackedEventMessage<?> confirmed =
                ledger.confirmed("RES-1", "WEB", "SO-1001", EXPIRY, line(WIDGET_AT_EAST, 6), line(GADGET_AT_EAST, 2));

        projections.given(confirmed);

        ReservationView view = view("RES-1");
        assertThat(view.reservationId()).isEqualTo("RES-1");
        assertThat(view.status()).isEqualTo(ReservationStatus.CONFIRMED);
        assertThat(view.channel()).isEqualTo("WEB");
        assertThat(view.orderReference()).isEqualTo("SO-1001");
        assertThat(view.expiresAt()).isEqualTo(Instant.parse(EXPIRY));
        assertThat(view.placedAt()).isEqualTo(confirmed.getTimestamp());
        assertThat(view.updatedAt()).isEqualTo(confirmed.getTimestamp());
        assertThat(view.lines())
                .containsExactly(
                        new Line("WIDGET-EA", "DC-EAST", 6, 6, 0, 0, 0),
                        new Line("GADGET-EA", "DC-EAST", 2, 2, 0, 0, 0));
        assertThat(view.rejections()).isEmpty();
        assertThat(view.eventPosition()).isZero();
    }

    @Test
    void aRejectedReservationHoldsNothingHasNoExpiryAndSaysWhy() {
        projections.given(ledger.rejected(
                "RES-1",
                "WEB",
                "SO-1001",
                List.of(line(WIDGET_AT_EAST, 6), line(GADGET_AT_EAST, 20)),
                rejection(GADGET_AT_EAST, 20, 3)));

        ReservationView view = view("RES-1");
        assertThat(view.status()).isEqualTo(ReservationStatus.REJECTED);
        assertThat(view.expiresAt()).isNull();
        assertThat(view.lines())
                .containsExactly(
                        new Line("WIDGET-EA", "DC-EAST", 6, 0, 0, 0, 0),
                        new Line("GADGET-EA", "DC-EAST", 20, 0, 0, 0, 0));
        assertThat(view.rejections())
                .containsExactly(new Rejection("GADGET-EA", "DC-EAST", 20, 3, "insufficient-available-stock"));
    }

    @Test
    void aPartialReleaseKeepsTheReservationConfirmed() {
        projections.given(
                ledger.confirmed("RES-1", "WEB", "SO-1", EXPIRY, line(WIDGET_AT_EAST, 6), line(GADGET_AT_EAST, 2)),
                ledger.released("RES-1", line(WIDGET_AT_EAST, 4)));

        ReservationView view = view("RES-1");
        assertThat(view.status()).isEqualTo(ReservationStatus.CONFIRMED);
        assertThat(view.lines())
                .containsExactly(
                        new Line("WIDGET-EA", "DC-EAST", 6, 2, 0, 4, 0),
                        new Line("GADGET-EA", "DC-EAST", 2, 2, 0, 0, 0));
    }

    @Test
    void releasingEverythingHeldReleasesTheReservation() {
        projections.given(
                ledger.confirmed("RES-1", "WEB", "SO-1", EXPIRY, line(WIDGET_AT_EAST, 6), line(GADGET_AT_EAST, 2)),
                ledger.released("RES-1", line(WIDGET_AT_EAST, 4)),
                ledger.released("RES-1", line(WIDGET_AT_EAST, 2), line(GADGET_AT_EAST, 2)));

        ReservationView view = view("RES-1");
        assertThat(view.status()).isEqualTo(ReservationStatus.RELEASED);
        assertThat(view.lines())
                .extracting(Line::reserved, Line::released, Line::fulfilled)
                .containsExactly(tuple(0L, 6L, 0L), tuple(0L, 2L, 0L));
    }

    @Test
    void aPartialFulfilmentKeepsTheReservationConfirmed() {
        projections.given(
                ledger.confirmed("RES-1", "WEB", "SO-1", EXPIRY, line(WIDGET_AT_EAST, 6)),
                ledger.fulfilled("RES-1", "SHP-1", "2024-06-01T12:00:00Z", line(WIDGET_AT_EAST, 5)));

        ReservationView view = view("RES-1");
        assertThat(view.status()).isEqualTo(ReservationStatus.CONFIRMED);
        assertThat(view.lines()).containsExactly(new Line("WIDGET-EA", "DC-EAST", 6, 1, 5, 0, 0));
    }

    @Test
    void shippingEverythingHeldFulfilsTheReservation() {
        projections.given(
                ledger.confirmed("RES-1", "WEB", "SO-1", EXPIRY, line(WIDGET_AT_EAST, 6), line(GADGET_AT_EAST, 2)),
                ledger.fulfilled(
                        "RES-1", "SHP-1", "2024-06-01T12:00:00Z", line(WIDGET_AT_EAST, 6), line(GADGET_AT_EAST, 2)));

        ReservationView view = view("RES-1");
        assertThat(view.status()).isEqualTo(ReservationStatus.FULFILLED);
        assertThat(view.lines())
                .extracting(Line::reserved, Line::fulfilled)
                .containsExactly(tuple(0L, 6L), tuple(0L, 2L));
    }

    @Test
    void releasingTheRestOfAPartlyShippedReservationFulfilsIt() {
        projections.given(
                ledger.confirmed("RES-1", "WEB", "SO-1", EXPIRY, line(WIDGET_AT_EAST, 6), line(GADGET_AT_EAST, 2)),
                ledger.fulfilled("RES-1", "SHP-1", "2024-06-01T12:00:00Z", line(WIDGET_AT_EAST, 1)),
                ledger.released("RES-1", line(WIDGET_AT_EAST, 5), line(GADGET_AT_EAST, 2)));

        assertThat(view("RES-1").status()).isEqualTo(ReservationStatus.FULFILLED);
    }

    @Test
    void shippingTheRestOfAPartlyReleasedReservationFulfilsIt() {
        projections.given(
                ledger.confirmed("RES-1", "WEB", "SO-1", EXPIRY, line(WIDGET_AT_EAST, 6)),
                ledger.released("RES-1", line(WIDGET_AT_EAST, 5)),
                ledger.fulfilled("RES-1", "SHP-1", "2024-06-01T12:00:00Z", line(WIDGET_AT_EAST, 1)));

        ReservationView view = view("RES-1");
        assertThat(view.status()).isEqualTo(ReservationStatus.FULFILLED);
        assertThat(view.lines()).containsExactly(new Line("WIDGET-EA", "DC-EAST", 6, 0, 1, 5, 0));
    }

    /** As the aggregate does: a released or shipped position that is not one of its lines changes nothing. */
    @Test
    void givingBackAPositionTheReservationDoesNotHoldChangesNoLine() {
        projections.given(
                ledger.confirmed("RES-1", "WEB", "SO-1", EXPIRY, line(WIDGET_AT_EAST, 6)),
                ledger.released("RES-1", line(WIDGET_AT_WEST, 6)));

        ReservationView view = view("RES-1");
        assertThat(view.status()).isEqualTo(ReservationStatus.CONFIRMED);
        assertThat(view.lines()).containsExactly(new Line("WIDGET-EA", "DC-EAST", 6, 6, 0, 0, 0));
    }

    @Test
    void anExtensionMovesTheExpiryOnly() {
        projections.given(
                ledger.confirmed("RES-1", "WEB", "SO-1", EXPIRY, line(WIDGET_AT_EAST, 6)),
                ledger.extended("RES-1", EXPIRY, "2024-06-05T08:00:00Z"));

        ReservationView view = view("RES-1");
        assertThat(view.status()).isEqualTo(ReservationStatus.CONFIRMED);
        assertThat(view.expiresAt()).isEqualTo(Instant.parse("2024-06-05T08:00:00Z"));
        assertThat(view.lines()).containsExactly(new Line("WIDGET-EA", "DC-EAST", 6, 6, 0, 0, 0));
    }

    @Test
    void anExpiredReservationGaveBackWhatItStillHeld() {
        projections.given(
                ledger.confirmed("RES-1", "WEB", "SO-1", EXPIRY, line(WIDGET_AT_EAST, 6), line(GADGET_AT_EAST, 2)),
                ledger.fulfilled("RES-1", "SHP-1", "2024-06-01T12:00:00Z", line(WIDGET_AT_EAST, 2)),
                ledger.expired("RES-1", EXPIRY, line(WIDGET_AT_EAST, 4), line(GADGET_AT_EAST, 2)));

        ReservationView view = view("RES-1");
        assertThat(view.status()).isEqualTo(ReservationStatus.EXPIRED);
        assertThat(view.expiresAt()).isEqualTo(Instant.parse(EXPIRY));
        assertThat(view.lines())
                .containsExactly(
                        new Line("WIDGET-EA", "DC-EAST", 6, 0, 2, 4, 0),
                        new Line("GADGET-EA", "DC-EAST", 2, 0, 0, 2, 0));
    }

    @Test
    void recordsWhenItLastChangedAndWhichEventItReflects() {
        TrackedEventMessage<?> confirmed = ledger.confirmed("RES-1", "WEB", "SO-1", EXPIRY, line(WIDGET_AT_EAST, 6));
        ledger.receive(GADGET_AT_EAST, "RCV-1", "2024-06-01T08:00:00Z", 1);
        TrackedEventMessage<?> released = ledger.released("RES-1", line(WIDGET_AT_EAST, 1));

        projections.given(confirmed, released);

        ReservationView view = view("RES-1");
        assertThat(view.placedAt()).isEqualTo(confirmed.getTimestamp());
        assertThat(view.updatedAt()).isEqualTo(released.getTimestamp());
        assertThat(view.eventPosition()).isEqualTo(2);
    }

    @Test
    void everyEventDeliveredAgainChangesNothing() {
        List<TrackedEventMessage<?>> events = List.of(
                ledger.confirmed("RES-1", "WEB", "SO-1", EXPIRY, line(WIDGET_AT_EAST, 6), line(GADGET_AT_EAST, 2)),
                ledger.extended("RES-1", EXPIRY, "2024-06-03T08:00:00Z"),
                ledger.released("RES-1", line(WIDGET_AT_EAST, 1)),
                ledger.fulfilled("RES-1", "SHP-1", "2024-06-01T12:00:00Z", line(WIDGET_AT_EAST, 2)),
                ledger.expired("RES-1", "2024-06-03T08:00:00Z", line(WIDGET_AT_EAST, 3), line(GADGET_AT_EAST, 2)),
                ledger.rejected(
                        "RES-2", "WEB", "SO-2", List.of(line(WIDGET_AT_EAST, 9)), rejection(WIDGET_AT_EAST, 9, 0)));

        for (TrackedEventMessage<?> event : events) {
            projections.given(event);
            List<ReservationView> before = Arrays.asList(view("RES-1"), viewOrNull("RES-2"));

            projections.given(event);

            assertThat(Arrays.asList(view("RES-1"), viewOrNull("RES-2")))
                    .as("after %s again", event.getPayloadType().getSimpleName())
                    .isEqualTo(before);
        }
    }

    @Test
    void anEarlierEventDeliveredLateChangesNothing() {
        TrackedEventMessage<?> confirmed = ledger.confirmed("RES-1", "WEB", "SO-1", EXPIRY, line(WIDGET_AT_EAST, 6));
        TrackedEventMessage<?> partly = ledger.released("RES-1", line(WIDGET_AT_EAST, 2));
        TrackedEventMessage<?> rest = ledger.released("RES-1", line(WIDGET_AT_EAST, 4));
        projections.given(confirmed, partly, rest);
        ReservationView before = view("RES-1");

        projections.given(partly, confirmed);

        assertThat(view("RES-1")).isEqualTo(before);
        assertThat(before.status()).isEqualTo(ReservationStatus.RELEASED);
        assertThat(before.lines()).containsExactly(new Line("WIDGET-EA", "DC-EAST", 6, 0, 0, 6, 0));
    }

    /** Its events follow its placing in the log: one that does not is parked as a dead letter, never skipped. */
    @Test
    void anEventOfAReservationNeverPlacedIsParkedNotSkipped() {
        ledger.confirmed("RES-1", "WEB", "SO-1", EXPIRY, line(WIDGET_AT_EAST, 6));
        TrackedEventMessage<?> released = ledger.released("RES-1", line(WIDGET_AT_EAST, 2));

        projections.deliver(Projections.RESERVATIONS, released);

        assertThat(processing
                        .deadLetterQueue(Projections.RESERVATIONS)
                        .orElseThrow()
                        .deadLetterSequence("RES-1"))
                .singleElement()
                .satisfies(
                        letter -> assertThat(letter.message().getIdentifier()).isEqualTo(released.getIdentifier()))
                .satisfies(letter -> assertThat(letter.cause().orElseThrow().message())
                        .contains("arrived before the reservation was placed"));
    }

    // --- shortfalls -------------------------------------------------------------------------------------------

    @Test
    void aShortfallMarksTheReservationsItNamesShortOnThatPositionsLines() {
        givenTwoReservationsOnWidgetsAtEast();

        projections.given(
                ledger.count(WIDGET_AT_EAST, "CNT-1", "2024-06-01T10:00:00Z", 7),
                ledger.shortfall(WIDGET_AT_EAST, 3, "CNT-1", shortage("RES-2", 3)));

        assertThat(shortQuantities("RES-1")).containsExactly(tuple("WIDGET-EA", 0L), tuple("GADGET-EA", 0L));
        assertThat(shortQuantities("RES-2")).containsExactly(tuple("WIDGET-EA", 3L));
    }

    @Test
    void aLargerShortfallReachesOlderReservations() {
        givenTwoReservationsOnWidgetsAtEast();
        projections.given(ledger.shortfall(WIDGET_AT_EAST, 3, "CNT-1", shortage("RES-2", 3)));

        projections.given(ledger.shortfall(WIDGET_AT_EAST, 6, "CNT-2", shortage("RES-2", 4), shortage("RES-1", 2)));

        assertThat(shortQuantities("RES-1")).containsExactly(tuple("WIDGET-EA", 2L), tuple("GADGET-EA", 0L));
        assertThat(shortQuantities("RES-2")).containsExactly(tuple("WIDGET-EA", 4L));
    }

    @Test
    void everyOtherLineStillHeldAtThePositionIsNoLongerShort() {
        givenTwoReservationsOnWidgetsAtEast();
        projections.given(ledger.shortfall(WIDGET_AT_EAST, 6, "CNT-1", shortage("RES-2", 4), shortage("RES-1", 2)));

        projections.given(ledger.shortfall(WIDGET_AT_EAST, 1, "RCV-2", shortage("RES-1", 1)));

        assertThat(shortQuantities("RES-1")).containsExactly(tuple("WIDGET-EA", 1L), tuple("GADGET-EA", 0L));
        assertThat(shortQuantities("RES-2")).containsExactly(tuple("WIDGET-EA", 0L));
    }

    @Test
    void aResolvedShortfallLeavesNoLineShort() {
        givenTwoReservationsOnWidgetsAtEast();
        projections.given(ledger.shortfall(WIDGET_AT_EAST, 6, "CNT-1", shortage("RES-2", 4), shortage("RES-1", 2)));

        projections.given(ledger.shortfall(WIDGET_AT_EAST, 0, "RCV-2"));

        assertThat(shortQuantities("RES-1")).containsExactly(tuple("WIDGET-EA", 0L), tuple("GADGET-EA", 0L));
        assertThat(shortQuantities("RES-2")).containsExactly(tuple("WIDGET-EA", 0L));
    }

    @Test
    void aShortfallConcernsOnlyItsOwnPosition() {
        givenTwoReservationsOnWidgetsAtEast();
        projections.given(ledger.shortfall(GADGET_AT_EAST, 2, "CNT-9", shortage("RES-1", 2)));

        projections.given(ledger.shortfall(WIDGET_AT_EAST, 1, "CNT-1", shortage("RES-2", 1)));

        assertThat(shortQuantities("RES-1")).containsExactly(tuple("WIDGET-EA", 0L), tuple("GADGET-EA", 2L));
        assertThat(shortQuantities("RES-2")).containsExactly(tuple("WIDGET-EA", 1L));
    }

    /** A reservation made short reflects that event; one the event leaves as it was does not. */
    @Test
    void aShortfallUpdatesOnlyTheReservationsItChanges() {
        givenTwoReservationsOnWidgetsAtEast();
        ReservationView untouched = view("RES-1");
        TrackedEventMessage<?> shortfall = ledger.shortfall(WIDGET_AT_EAST, 3, "CNT-1", shortage("RES-2", 3));

        projections.given(shortfall);

        assertThat(view("RES-1")).isEqualTo(untouched);
        assertThat(view("RES-2").updatedAt()).isEqualTo(shortfall.getTimestamp());
        assertThat(view("RES-2").eventPosition())
                .isEqualTo(shortfall.trackingToken().position().orElseThrow());
    }

    @Test
    void aShortfallLeavesLinesThatHoldNothingAlone() {
        projections.given(
                ledger.confirmed("RES-1", "WEB", "SO-1", EXPIRY, line(WIDGET_AT_EAST, 6)),
                ledger.released("RES-1", line(WIDGET_AT_EAST, 6)),
                ledger.rejected(
                        "RES-2", "WEB", "SO-2", List.of(line(WIDGET_AT_EAST, 9)), rejection(WIDGET_AT_EAST, 9, 0)),
                ledger.confirmed("RES-3", "WEB", "SO-3", EXPIRY, line(WIDGET_AT_EAST, 2)));
        ReservationView released = view("RES-1");
        ReservationView rejected = view("RES-2");

        projections.given(ledger.shortfall(WIDGET_AT_EAST, 2, "CNT-1", shortage("RES-3", 2)));

        assertThat(view("RES-1")).isEqualTo(released);
        assertThat(view("RES-2")).isEqualTo(rejected);
        assertThat(shortQuantities("RES-3")).containsExactly(tuple("WIDGET-EA", 2L));
    }

    @Test
    void aShortfallDeliveredAgainOrLateChangesNothing() {
        givenTwoReservationsOnWidgetsAtEast();
        TrackedEventMessage<?> first = ledger.shortfall(WIDGET_AT_EAST, 3, "CNT-1", shortage("RES-2", 3));
        TrackedEventMessage<?> second =
                ledger.shortfall(WIDGET_AT_EAST, 6, "CNT-2", shortage("RES-2", 4), shortage("RES-1", 2));
        projections.given(first, second);
        List<ReservationView> before = List.of(view("RES-1"), view("RES-2"));

        projections.given(second, first);

        assertThat(List.of(view("RES-1"), view("RES-2"))).isEqualTo(before);
        assertThat(shortQuantities("RES-2")).containsExactly(tuple("WIDGET-EA", 4L));
    }

    /**
     * Shipping reserved units leaves the position's shortfall as it is, so the ledger does not restate it; a line
     * is still never short by more than it holds.
     */
    @Test
    void aLineIsNeverShortByMoreThanItStillHolds() {
        givenTwoReservationsOnWidgetsAtEast();
        projections.given(ledger.shortfall(WIDGET_AT_EAST, 6, "CNT-1", shortage("RES-2", 4), shortage("RES-1", 2)));

        projections.given(
                ledger.fulfilled("RES-2", "SHP-2", "2024-06-01T12:00:00Z", line(WIDGET_AT_EAST, 3)),
                ledger.released("RES-1", line(WIDGET_AT_EAST, 5)));

        assertThat(view("RES-2").lines()).containsExactly(new Line("WIDGET-EA", "DC-EAST", 4, 1, 3, 0, 1));
        assertThat(view("RES-1").lines().get(0)).isEqualTo(new Line("WIDGET-EA", "DC-EAST", 6, 1, 0, 5, 1));
    }

    @Test
    void anExpiredReservationIsShortNowhere() {
        givenTwoReservationsOnWidgetsAtEast();
        projections.given(ledger.shortfall(WIDGET_AT_EAST, 6, "CNT-1", shortage("RES-2", 4), shortage("RES-1", 2)));

        projections.given(ledger.expired("RES-2", EXPIRY, line(WIDGET_AT_EAST, 4)));

        assertThat(view("RES-2").status()).isEqualTo(ReservationStatus.EXPIRED);
        assertThat(shortQuantities("RES-2")).containsExactly(tuple("WIDGET-EA", 0L));
    }

    /** A new kind of reservation event in the contract must get its effect on the view here first. */
    @Test
    void theseSpecsCoverEveryKindOfReservationEventInTheContract() {
        Set<String> covered = Set.of(
                "ReservationConfirmed",
                "ReservationRejected",
                "ReservationReleased",
                "ReservationFulfilled",
                "ReservationExtended",
                "ReservationExpired");

        assertThat(Arrays.stream(ReservationEvent.class.getPermittedSubclasses())
                        .map(Class::getSimpleName)
                        .collect(Collectors.toSet()))
                .isEqualTo(covered);
    }

    /**
     * As the command side records them: RES-1 holds 6 widgets and 2 gadgets, then RES-2 holds 4 widgets, out of 10
     * widgets and 2 gadgets on hand.
     */
    private void givenTwoReservationsOnWidgetsAtEast() {
        projections.given(
                ledger.receive(WIDGET_AT_EAST, "RCV-1", "2024-06-01T08:00:00Z", 10),
                ledger.receive(GADGET_AT_EAST, "RCV-2", "2024-06-01T08:00:00Z", 2),
                ledger.reserve(GADGET_AT_EAST, "RES-1", "2024-06-01T09:00:00Z", 2, "WEB"),
                ledger.reserve(WIDGET_AT_EAST, "RES-1", "2024-06-01T09:00:00Z", 6, "WEB"),
                ledger.confirmed("RES-1", "WEB", "SO-1", EXPIRY, line(WIDGET_AT_EAST, 6), line(GADGET_AT_EAST, 2)),
                ledger.reserve(WIDGET_AT_EAST, "RES-2", "2024-06-01T09:30:00Z", 4, "WEB"),
                ledger.confirmed("RES-2", "WEB", "SO-2", EXPIRY, line(WIDGET_AT_EAST, 4)));
    }

    private List<Tuple> shortQuantities(String reservationId) {
        return view(reservationId).lines().stream()
                .map(line -> tuple(line.sku(), line.shortQuantity()))
                .toList();
    }

    @Test
    void aLineTellsItsBackorderedUnitsApartFromWhatItHoldsReserved() {
        projections.given(
                ledger.receive(WIDGET_AT_EAST, "RCV-1", "2024-06-01T08:00:00Z", 6),
                ledger.reserve(WIDGET_AT_EAST, "RES-1", "2024-06-01T09:00:00Z", 6, "WEB"),
                ledger.backordered(WIDGET_AT_EAST, "RES-1", "2024-06-01T09:00:00Z", 4, "WEB", backorders(4, 4, 4)),
                ledger.confirmed("RES-1", "WEB", "SO-1", EXPIRY, line(WIDGET_AT_EAST, 10)));

        assertThat(view("RES-1").lines()).containsExactly(new Line("WIDGET-EA", "DC-EAST", 10, 6, 0, 0, 0, 4));

        projections.given(ledger.fulfilled("RES-1", "SHP-1", "2024-06-01T10:00:00Z", line(WIDGET_AT_EAST, 6)));
        ReservationView shipped = view("RES-1");
        assertThat(shipped.status()).as("still holds its backorder").isEqualTo(ReservationStatus.CONFIRMED);
        assertThat(shipped.lines()).containsExactly(new Line("WIDGET-EA", "DC-EAST", 10, 0, 6, 0, 0, 4));

        projections.given(
                ledger.receive(WIDGET_AT_EAST, "RCV-2", "2024-06-02T08:00:00Z", 4),
                ledger.backorderFilled(
                        WIDGET_AT_EAST, "RES-1", "2024-06-02T08:00:00Z", 4, "WEB", "RCV-2", backorders(0, 0, 0)));
        assertThat(view("RES-1").lines()).containsExactly(new Line("WIDGET-EA", "DC-EAST", 10, 4, 6, 0, 0, 0));
    }

    @Test
    void releasingABackorderedLineGivesUpItsBackorder() {
        projections.given(
                ledger.backordered(WIDGET_AT_EAST, "RES-1", "2024-06-01T09:00:00Z", 3, "WEB", backorders(3, 3, 3)),
                ledger.confirmed("RES-1", "WEB", "SO-1", EXPIRY, line(WIDGET_AT_EAST, 3)),
                ledger.backorderReleased(
                        WIDGET_AT_EAST, "RES-1", "2024-06-01T10:00:00Z", 3, "WEB", backorders(0, 0, 0)),
                ledger.released("RES-1", line(WIDGET_AT_EAST, 3)));

        ReservationView released = view("RES-1");
        assertThat(released.status()).isEqualTo(ReservationStatus.RELEASED);
        assertThat(released.lines()).containsExactly(new Line("WIDGET-EA", "DC-EAST", 3, 0, 0, 3, 0, 0));
    }

    private ReservationView view(String reservationId) {
        ReservationView view = viewOrNull(reservationId);
        assertThat(view).as("reservation %s", reservationId).isNotNull();
        return view;
    }

    private ReservationView viewOrNull(String reservationId) {
        return queries.query(
                        new GetReservation(ReservationId.of(reservationId)),
                        ResponseTypes.optionalInstanceOf(ReservationView.class))
                .join()
                .orElse(null);
    }
}
