package io.stockledger.command.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.stockledger.api.common.ChannelId;
import io.stockledger.api.common.CorrelationId;
import io.stockledger.api.common.LocationId;
import io.stockledger.api.common.MovementId;
import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Quantity;
import io.stockledger.api.common.ReferenceDocument;
import io.stockledger.api.common.ReservationId;
import io.stockledger.api.common.SourceSystem;
import io.stockledger.api.reservation.ReservationConfirmed;
import io.stockledger.api.reservation.ReservationExpired;
import io.stockledger.api.reservation.ReservationExtended;
import io.stockledger.api.reservation.ReservationFulfilled;
import io.stockledger.api.reservation.ReservationRejected;
import io.stockledger.api.reservation.ReservationReleased;
import io.stockledger.api.stock.MovementType;
import io.stockledger.api.stock.ReservedStockReleased;
import io.stockledger.api.stock.ReservedStockShipped;
import io.stockledger.api.stock.StockReserved;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every reservation operation over HTTP, and what it does to the positions: a reservation holds available stock on
 * all its lines or on none, gives it back when released or expired, and ships it when fulfilled.
 */
class ReservationApiTest extends ReservationApiTestSupport {

    private static final Duration DEFAULT_TTL = Duration.ofMinutes(15);
    private static final Duration EXPIRY_WAIT = Duration.ofSeconds(10);

    // --- placing -------------------------------------------------------------------------------------------------

    @Test
    void canReserveAvailableStock() {
        PositionId widget = stocked(10);
        String reservationId = newReservationId();
        Instant before = Instant.now();

        Answer answer = place(reservation(reservationId, line(widget, 3)), "X-Correlation-Id", "checkout-42");

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.header("Location")).endsWith(RESERVATIONS + "/" + reservationId);
        assertThat(answer.body().path("reservationId").asText()).isEqualTo(reservationId);
        assertThat(answer.body().path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(answer.body().path("channel").asText()).isEqualTo(WEB);
        assertThat(answer.body().path("orderReference").asText()).isEqualTo("SO-" + reservationId);
        assertThat(expiresAt(answer))
                .isBetween(before.plus(DEFAULT_TTL), Instant.now().plus(DEFAULT_TTL));
        assertThat(answer.body().path("lines")).containsExactly(lineState(widget, 3, 3, 0, 0));
        assertThat(answer.body().path("rejections")).isEmpty();
        assertThat(lastEvent(widget)).isInstanceOfSatisfying(StockReserved.class, reserved -> {
            assertThat(reserved.quantity()).isEqualTo(Quantity.of(3));
            assertThat(reserved.reservationId()).isEqualTo(ReservationId.of(reservationId));
            assertThat(reserved.channel()).isEqualTo(ChannelId.of(WEB));
            assertThat(reserved.movement().type()).isEqualTo(MovementType.RESERVATION);
            assertThat(reserved.movement().origin().sourceSystem()).isEqualTo(SourceSystem.of(WEBSHOP));
            assertThat(reserved.movement().origin().reference())
                    .isEqualTo(new ReferenceDocument("ORDER", "SO-" + reservationId));
            assertThat(reserved.movement().origin().correlationId()).isEqualTo(CorrelationId.of("checkout-42"));
        });
        assertBalance(widget, 10, 3, 7);
        assertThat(reservationEvents(reservationId)).singleElement().isInstanceOf(ReservationConfirmed.class);
    }

    @Test
    void canReserveEveryLineOfAMultiLineReservation() {
        PositionId atDc1 = stocked(10);
        PositionId atDc2 = new PositionId(atDc1.sku(), LocationId.of(DC2));
        givenReceived(atDc2, 4);
        PositionId gadget = stocked(1);
        String reservationId = newReservationId();
        Instant before = Instant.now();

        Answer answer = place(reservation(reservationId, line(atDc1, 6), line(atDc2, 4), line(gadget, 1))
                .put("ttlSeconds", 600));

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.body().path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(expiresAt(answer))
                .isBetween(before.plusSeconds(600), Instant.now().plusSeconds(600));
        assertThat(answer.body().path("lines"))
                .containsExactly(
                        lineState(atDc1, 6, 6, 0, 0), lineState(atDc2, 4, 4, 0, 0), lineState(gadget, 1, 1, 0, 0));
        assertBalance(atDc1, 10, 6, 4);
        assertBalance(atDc2, 4, 4, 0);
        assertBalance(gadget, 1, 1, 0);
    }

    @Test
    void canReserveUntilAGivenInstant() {
        PositionId widget = stocked(10);
        Instant expiresAt = Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);

        Answer answer = place(reservation(newReservationId(), line(widget, 1)).put("expiresAt", expiresAt.toString()));

        assertThat(answer.status()).isEqualTo(201);
        assertThat(expiresAt(answer)).isEqualTo(expiresAt);
    }

    @Test
    void aReservationThatCannotHoldEveryLineIsRejectedWithAReasonPerLineAndHoldsNothing() {
        PositionId plenty = stocked(10);
        PositionId scarce = stocked(2);
        PositionId neverStocked = newPosition();
        String reservationId = newReservationId();

        Answer answer = place(reservation(reservationId, line(plenty, 5), line(scarce, 3), line(neverStocked, 1)));

        assertProblem(answer, 409, "reservation-rejected");
        assertThat(answer.body().path("reservationId").asText()).isEqualTo(reservationId);
        assertThat(answer.body().path("rejections"))
                .containsExactlyInAnyOrder(rejection(scarce, 3, 2), rejection(neverStocked, 1, 0));
        assertThat(events(plenty)).hasSize(1);
        assertThat(events(scarce)).hasSize(1);
        assertThat(events(neverStocked)).isEmpty();
        assertBalance(plenty, 10, 0, 10);
        assertThat(reservationEvents(reservationId)).singleElement().isInstanceOf(ReservationRejected.class);
    }

    @Test
    void cannotReserveStockReservedElsewhere() {
        PositionId widget = stocked(10);
        givenReserved(line(widget, 8));

        Answer answer = place(reservation(newReservationId(), line(widget, 3)));

        assertProblem(answer, 409, "reservation-rejected");
        assertThat(answer.body().path("rejections")).containsExactly(rejection(widget, 3, 2));
        assertBalance(widget, 10, 8, 2);
    }

    @Test
    void placingTheSameReservationAgainAnswersTheFirstOutcomeAndChangesNothing() {
        PositionId widget = stocked(10);
        PositionId gadget = stocked(10);
        String reservationId = newReservationId();
        Answer first = place(reservation(reservationId, line(widget, 3)));

        Answer again = place(reservation(reservationId, line(widget, 3)));
        Answer otherContent = place(reservation(reservationId, line(widget, 5), line(gadget, 1))
                .put("channel", "b2b")
                .put("ttlSeconds", 60));

        assertThat(first.status()).isEqualTo(201);
        for (Answer answer : new Answer[] {again, otherContent}) {
            assertThat(answer.status()).isEqualTo(201);
            assertThat(answer.header("Location")).isEqualTo(first.header("Location"));
            assertThat(answer.body()).isEqualTo(first.body());
        }
        assertThat(events(widget)).hasSize(2);
        assertThat(events(gadget)).hasSize(1);
        assertBalance(widget, 10, 3, 7);
        assertThat(reservationEvents(reservationId)).hasSize(1);
    }

    @Test
    void aRejectedReservationPlacedAgainIsStillRejectedEvenWhenStockHasArrivedSince() {
        PositionId widget = stocked(1);
        String reservationId = newReservationId();
        Answer first = place(reservation(reservationId, line(widget, 2)));
        givenReceived(widget, 5);

        Answer again = place(reservation(reservationId, line(widget, 2)));

        assertProblem(first, 409, "reservation-rejected");
        assertProblem(again, 409, "reservation-rejected");
        assertThat(again.body().path("rejections")).isEqualTo(first.body().path("rejections"));
        assertBalance(widget, 6, 0, 6);
        assertThat(reservationEvents(reservationId)).singleElement().isInstanceOf(ReservationRejected.class);
    }

    // --- releasing -----------------------------------------------------------------------------------------------

    @Test
    void canReleaseAWholeReservation() {
        PositionId widget = stocked(10);
        PositionId gadget = stocked(5);
        String reservationId = givenReserved(line(widget, 4), line(gadget, 5));

        Answer answer = releaseAll(reservationId);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("status").asText()).isEqualTo("RELEASED");
        assertThat(answer.body().path("lines"))
                .containsExactly(lineState(widget, 4, 0, 0, 4), lineState(gadget, 5, 0, 0, 5));
        assertThat(lastEvent(widget)).isInstanceOfSatisfying(ReservedStockReleased.class, released -> {
            assertThat(released.quantity()).isEqualTo(Quantity.of(4));
            assertThat(released.reservationId()).isEqualTo(ReservationId.of(reservationId));
            assertThat(released.movement().type()).isEqualTo(MovementType.RESERVATION_RELEASE);
            assertThat(released.movement().origin().sourceSystem()).isEqualTo(SourceSystem.of("api"));
        });
        assertBalance(widget, 10, 0, 10);
        assertBalance(gadget, 5, 0, 5);
        assertThat(reservationEvents(reservationId)).last().isInstanceOf(ReservationReleased.class);
    }

    @Test
    void canReleaseOneLineOfAReservation() {
        PositionId widget = stocked(10);
        PositionId gadget = stocked(5);
        String reservationId = givenReserved(line(widget, 4), line(gadget, 5));

        Answer answer = release(reservationId, releaseOf(line(widget, 4)).put("sourceSystem", "oms"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(answer.body().path("lines"))
                .containsExactly(lineState(widget, 4, 0, 0, 4), lineState(gadget, 5, 5, 0, 0));
        assertThat(lastEvent(widget)).isInstanceOfSatisfying(ReservedStockReleased.class, released -> assertThat(
                        released.movement().origin().sourceSystem())
                .isEqualTo(SourceSystem.of("oms")));
        assertBalance(widget, 10, 0, 10);
        assertThat(events(gadget)).hasSize(2);
        assertBalance(gadget, 5, 5, 0);
    }

    @Test
    void canReleasePartOfALineAndLaterTheRest() {
        PositionId widget = stocked(10);
        String reservationId = givenReserved(line(widget, 5));

        Answer part = release(reservationId, releaseOf(line(widget, 2)));

        assertThat(part.status()).isEqualTo(200);
        assertThat(part.body().path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(part.body().path("lines")).containsExactly(lineState(widget, 5, 3, 0, 2));
        assertBalance(widget, 10, 3, 7);

        Answer rest = release(reservationId, releaseOf(line(widget, 3)));

        assertThat(rest.body().path("status").asText()).isEqualTo("RELEASED");
        assertThat(rest.body().path("lines")).containsExactly(lineState(widget, 5, 0, 0, 5));
        assertBalance(widget, 10, 0, 10);
    }

    @Test
    void cannotReleaseMoreThanHeld() {
        PositionId widget = stocked(10);
        PositionId gadget = stocked(10);
        String reservationId = givenReserved(line(widget, 3), line(gadget, 2));
        release(reservationId, releaseOf(line(widget, 1)));
        int widgetEvents = events(widget).size();
        int gadgetEvents = events(gadget).size();
        int reservationEventCount = reservationEvents(reservationId).size();

        Answer moreThanLeft = release(reservationId, releaseOf(line(widget, 3)));
        Answer oneLineTooMuch = release(reservationId, releaseOf(line(widget, 1), line(gadget, 3)));
        Answer shipTooMuch = fulfil(reservationId, fulfilment(newMovementId(), line(gadget, 3)));

        assertProblem(moreThanLeft, 409, "insufficient-reserved-stock");
        assertThat(moreThanLeft.body().path("detail").asText()).contains("holds 2 units", "3 requested");
        assertProblem(oneLineTooMuch, 409, "insufficient-reserved-stock");
        assertProblem(shipTooMuch, 409, "insufficient-reserved-stock");
        assertThat(events(widget)).hasSize(widgetEvents);
        assertThat(events(gadget)).hasSize(gadgetEvents);
        assertBalance(widget, 10, 2, 8);
        assertBalance(gadget, 10, 2, 8);
        assertThat(reservationEvents(reservationId)).hasSize(reservationEventCount);
    }

    @Test
    void cannotReleaseAPositionTheReservationDoesNotHold() {
        PositionId widget = stocked(10);
        PositionId elsewhere = new PositionId(widget.sku(), LocationId.of(DC2));
        givenReceived(elsewhere, 10);
        PositionId gadget = stocked(10);
        String reservationId = givenReserved(line(widget, 3));

        Answer otherLocation = release(reservationId, releaseOf(line(elsewhere, 1)));
        Answer otherSku = release(reservationId, releaseOf(line(gadget, 1)));

        for (Answer answer : List.of(otherLocation, otherSku)) {
            assertThat(answer.status()).isEqualTo(409);
            assertThat(answer.type()).isEqualTo("urn:stockledger:problem:unknown-reservation-line");
        }
        assertThat(otherSku.body().path("detail").asText()).contains(gadget.toString());
        assertBalance(widget, 10, 3, 7);
        assertThat(events(elsewhere)).hasSize(1);
        assertThat(events(gadget)).hasSize(1);
    }

    @Test
    void cannotReleaseAReleasedOrRejectedReservation() {
        PositionId widget = stocked(10);
        String released = givenReserved(line(widget, 3));
        releaseAll(released);
        String rejected = newReservationId();
        place(reservation(rejected, line(widget, 11)));
        int widgetEvents = events(widget).size();

        Answer releasedAgain = releaseAll(released);
        Answer releasedPart = release(released, releaseOf(line(widget, 1)));
        Answer releaseRejected = releaseAll(rejected);

        assertProblem(releasedAgain, 409, "reservation-not-active");
        assertThat(releasedAgain.body().path("detail").asText()).contains(released, "RELEASED");
        assertProblem(releasedPart, 409, "reservation-not-active");
        assertProblem(releaseRejected, 409, "reservation-not-active");
        assertThat(releaseRejected.body().path("detail").asText()).contains(rejected, "REJECTED");
        assertThat(events(widget)).hasSize(widgetEvents);
        assertThat(reservationEvents(released)).hasSize(2);
        assertThat(reservationEvents(rejected)).hasSize(1);
    }

    @Test
    void cannotFulfilOrExtendAReservationThatIsNoLongerActive() {
        PositionId widget = stocked(10);
        String released = givenReserved(line(widget, 3));
        releaseAll(released);
        String fulfilled = givenReserved(line(widget, 2));
        fulfil(fulfilled, fulfilment(newMovementId()));
        int widgetEvents = events(widget).size();

        assertProblem(fulfil(released, fulfilment(newMovementId())), 409, "reservation-not-active");
        assertProblem(extend(released, extension(3600)), 409, "reservation-not-active");
        assertProblem(fulfil(fulfilled, fulfilment(newMovementId())), 409, "reservation-not-active");
        assertProblem(releaseAll(fulfilled), 409, "reservation-not-active");
        assertProblem(extend(fulfilled, extension(3600)), 409, "reservation-not-active");
        assertThat(events(widget)).hasSize(widgetEvents);
        assertBalance(widget, 8, 0, 8);
    }

    @Test
    void releasingFulfillingOrExtendingAnUnknownReservationIsNotFound() {
        String neverPlaced = newReservationId();

        Answer release = releaseAll(neverPlaced);
        Answer fulfil = fulfil(neverPlaced, fulfilment(newMovementId()));
        Answer extend = extend(neverPlaced, extension(60));

        assertProblem(release, 404, "reservation-not-found");
        assertThat(release.body().path("detail").asText()).contains(neverPlaced);
        assertProblem(fulfil, 404, "reservation-not-found");
        assertProblem(extend, 404, "reservation-not-found");
        assertThat(reservationEvents(neverPlaced)).isEmpty();
    }

    // --- fulfilling ----------------------------------------------------------------------------------------------

    @Test
    void canFulfilPartOfAReservationAndThenTheRest() {
        PositionId widget = stocked(10);
        PositionId gadget = stocked(5);
        String reservationId = givenReserved(line(widget, 6), line(gadget, 2));
        String firstShipment = newMovementId();

        Answer part = fulfil(
                reservationId, fulfilment(firstShipment, line(widget, 2)).put("occurredAt", "2024-01-03T10:00:00Z"));

        assertThat(part.status()).isEqualTo(200);
        assertThat(part.body().path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(part.body().path("lines"))
                .containsExactly(lineState(widget, 6, 4, 2, 0), lineState(gadget, 2, 2, 0, 0));
        assertThat(lastEvent(widget)).isInstanceOfSatisfying(ReservedStockShipped.class, shipped -> {
            assertThat(shipped.quantity()).isEqualTo(Quantity.of(2));
            assertThat(shipped.reservationId()).isEqualTo(ReservationId.of(reservationId));
            assertThat(shipped.movement().movementId()).isEqualTo(MovementId.of(firstShipment));
            assertThat(shipped.movement().type()).isEqualTo(MovementType.FULFILMENT);
            assertThat(shipped.movement().occurredAt()).isEqualTo(Instant.parse("2024-01-03T10:00:00Z"));
            assertThat(shipped.movement().origin().sourceSystem()).isEqualTo(SourceSystem.of(WMS));
            assertThat(shipped.movement().origin().reference())
                    .isEqualTo(new ReferenceDocument("DELIVERY_NOTE", DELIVERY_NOTE));
        });
        assertBalance(widget, 8, 4, 4);
        assertBalance(gadget, 5, 2, 3);

        Answer rest = fulfil(reservationId, fulfilment(newMovementId()));

        assertThat(rest.status()).isEqualTo(200);
        assertThat(rest.body().path("status").asText()).isEqualTo("FULFILLED");
        assertThat(rest.body().path("lines"))
                .containsExactly(lineState(widget, 6, 0, 6, 0), lineState(gadget, 2, 0, 2, 0));
        assertBalance(widget, 4, 0, 4);
        assertBalance(gadget, 3, 0, 3);
        assertThat(reservationEvents(reservationId))
                .filteredOn(ReservationFulfilled.class::isInstance)
                .hasSize(2);
    }

    @Test
    void aFulfilmentPostedTwiceShipsOnce() {
        PositionId widget = stocked(10);
        String reservationId = givenReserved(line(widget, 5));
        String shipment = newMovementId();
        Answer first = fulfil(reservationId, fulfilment(shipment, line(widget, 2)));

        Answer retry = fulfil(reservationId, fulfilment(shipment, line(widget, 2)));

        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(events(widget))
                .filteredOn(ReservedStockShipped.class::isInstance)
                .hasSize(1);
        assertBalance(widget, 8, 3, 5);
        assertThat(reservationEvents(reservationId))
                .filteredOn(ReservationFulfilled.class::isInstance)
                .hasSize(1);
    }

    @Test
    void aFulfilmentDatedBeforeTheStockArrivedIsRefused() {
        PositionId widget = stocked(10);
        String reservationId = givenReserved(line(widget, 5));
        int widgetEvents = events(widget).size();

        Answer answer = fulfil(reservationId, fulfilment(newMovementId()).put("occurredAt", "2024-01-01T00:00:00Z"));

        assertProblem(answer, 409, "negative-on-hand");
        assertThat(events(widget)).hasSize(widgetEvents);
        assertBalance(widget, 10, 5, 5);
    }

    // --- extending -----------------------------------------------------------------------------------------------

    @Test
    void canExtendAReservationButNotShortenIt() {
        PositionId widget = stocked(10);
        String reservationId = newReservationId();
        Instant placedExpiry = expiresAt(place(reservation(reservationId, line(widget, 1))));
        Instant before = Instant.now();

        Answer later = extend(reservationId, extension(3600).put("sourceSystem", "oms"));

        assertThat(later.status()).isEqualTo(200);
        assertThat(later.body().path("status").asText()).isEqualTo("CONFIRMED");
        Instant extended = expiresAt(later);
        assertThat(extended).isBetween(before.plusSeconds(3600), Instant.now().plusSeconds(3600));
        assertThat(reservationEvents(reservationId)).last().isInstanceOfSatisfying(ReservationExtended.class, event -> {
            assertThat(event.expiresAt()).isEqualTo(extended);
            assertThat(event.origin().sourceSystem()).isEqualTo(SourceSystem.of("oms"));
        });

        Answer earlier = extend(reservationId, JSON.createObjectNode().put("expiresAt", placedExpiry.toString()));
        Answer same = extend(reservationId, JSON.createObjectNode().put("expiresAt", extended.toString()));

        assertProblem(earlier, 409, "invalid-expiry");
        assertProblem(same, 409, "invalid-expiry");
        assertThat(reservationEvents(reservationId)).hasSize(2);
        assertThat(expiresAt(place(reservation(reservationId, line(widget, 1)))))
                .isEqualTo(extended);
        assertBalance(widget, 10, 1, 9);
    }

    // --- expiring ------------------------------------------------------------------------------------------------

    @Test
    void aReservationExpiresByItselfAndGivesItsStockBack() {
        PositionId widget = stocked(10);
        String reservationId = newReservationId();
        Answer placed = place(reservation(reservationId, line(widget, 4)).put("ttlSeconds", 1));
        assertThat(placed.status()).isEqualTo(201);

        await().atMost(EXPIRY_WAIT)
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(lastEvent(widget)).isInstanceOf(ReservedStockReleased.class));

        assertThat(lastEvent(widget)).isInstanceOfSatisfying(ReservedStockReleased.class, released -> {
            assertThat(released.quantity()).isEqualTo(Quantity.of(4));
            assertThat(released.movement().type()).isEqualTo(MovementType.RESERVATION_EXPIRY);
            assertThat(released.movement().recordedAt()).isAfterOrEqualTo(expiresAt(placed));
        });
        assertBalance(widget, 10, 0, 10);
        assertThat(reservationEvents(reservationId))
                .last()
                .isInstanceOfSatisfying(ReservationExpired.class, expired -> assertThat(expired.expiresAt())
                        .isEqualTo(expiresAt(placed)));
        Answer state = place(reservation(reservationId, line(widget, 4)));
        assertThat(state.body().path("status").asText()).isEqualTo("EXPIRED");
        assertThat(state.body().path("lines")).containsExactly(lineState(widget, 4, 0, 0, 4));
        assertProblem(releaseAll(reservationId), 409, "reservation-not-active");
    }

    @Test
    void anExtendedReservationOutlivesItsFirstExpiry() {
        PositionId widget = stocked(10);
        String reservationId = newReservationId();
        place(reservation(reservationId, line(widget, 4)).put("ttlSeconds", 2));

        Answer extended = extend(reservationId, extension(600));

        assertThat(extended.status()).isEqualTo(200);
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(6))
                .until(() -> balance(widget).reserved().equals(Quantity.of(4)));
        assertThat(reservationEvents(reservationId)).noneMatch(ReservationExpired.class::isInstance);
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private static Instant expiresAt(Answer answer) {
        JsonNode expiresAt = answer.body().path("expiresAt");
        assertThat(expiresAt.isTextual()).as("expiresAt of %s", answer.body()).isTrue();
        return Instant.parse(expiresAt.asText());
    }
}
