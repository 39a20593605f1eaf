package io.stockledger.command.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stockledger.api.common.PositionId;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Anything malformed, out of range or unknown sent to the reservation API gets a 4xx problem that says what is
 * wrong, and changes nothing: no reservation, no reserved unit. No answer is a 5xx (every answer is checked).
 */
class ReservationBadInputTest extends ReservationApiTestSupport {

    private static final long THIRTY_DAYS_IN_SECONDS = 2_592_000;

    /** Ten units that a valid request would reserve. */
    private PositionId widget;

    /** A confirmed reservation of two widgets, for the bad releases, fulfilments and extensions. */
    private String held;

    private int widgetEvents;

    @BeforeEach
    void stockAndAReservation() {
        widget = stocked(10);
        held = givenReserved(line(widget, 2));
        widgetEvents = events(widget).size();
    }

    // --- the body as a whole -------------------------------------------------------------------------------------

    @Test
    void malformedJsonIsAMalformedRequest() {
        String id = newReservationId();

        Answer truncated = postRaw(
                RESERVATIONS, "{\"reservationId\": \"" + id + "\", \"channel\": ", "Content-Type", "application/json");
        Answer truncatedInALine = postRaw(
                RESERVATIONS, "{\"reservationId\": \"" + id + "\", \"lines\": [", "Content-Type", "application/json");
        Answer unquoted = postRaw(RESERVATIONS, "{reservationId: " + id + "}", "Content-Type", "application/json");

        assertProblem(truncated, 400, "malformed-request");
        assertThat(truncated.body().path("detail").asText()).startsWith("the body is not valid JSON");
        assertProblem(truncatedInALine, 400, "malformed-request");
        assertProblem(unquoted, 400, "malformed-request");
        assertThat(unquoted.body().path("detail").asText()).startsWith("the body is not valid JSON");
        assertNothingWritten(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "null", "[]", "42", "\"R-1\""})
    void aBodyThatIsNotAJsonObjectIsAMalformedRequest(String body) {
        assertProblem(postRaw(RESERVATIONS, body, "Content-Type", "application/json"), 400, "malformed-request");
        assertProblem(
                postRaw(RESERVATIONS + "/" + held + "/fulfilments", body, "Content-Type", "application/json"),
                400,
                "malformed-request");
        assertNothingChanged();
    }

    @Test
    void anUnknownPropertyIsAMalformedRequestNamingIt() {
        String id = newReservationId();
        ObjectNode unknownInLine = line(widget, 1).put("lot", "L-7");

        Answer topLevel = place(reservation(id, line(widget, 1)).put("priority", "high"));
        Answer inALine = place(reservation(id, unknownInLine));
        Answer inARelease = release(held, releaseOf(line(widget, 1)).put("reason", "cancelled"));
        Answer inAFulfilment = fulfil(held, fulfilment(newMovementId()).put("carrier", "DHL"));
        Answer inAnExtension = extend(held, extension(60).put("until", "tomorrow"));

        assertProblem(topLevel, 400, "malformed-request");
        assertThat(topLevel.errorFields()).containsExactly("priority");
        assertThat(topLevel.body().path("detail").asText()).isEqualTo("unknown property 'priority'");
        assertProblem(inALine, 400, "malformed-request");
        assertThat(inALine.errorFields()).containsExactly("lines[0].lot");
        assertProblem(inARelease, 400, "malformed-request");
        assertThat(inARelease.errorFields()).containsExactly("reason");
        assertProblem(inAFulfilment, 400, "malformed-request");
        assertThat(inAFulfilment.errorFields()).containsExactly("carrier");
        assertProblem(inAnExtension, 400, "malformed-request");
        assertThat(inAnExtension.errorFields()).containsExactly("until");
        assertNothingWritten(id);
    }

    @Test
    void aBodyThatIsNotJsonIsAnUnsupportedMediaType() {
        String id = newReservationId();
        String body = reservation(id, line(widget, 1)).toString();

        Answer plainText = postRaw(RESERVATIONS, body, "Content-Type", "text/plain");
        Answer noContentType = postRaw(RESERVATIONS, body);
        Answer xmlRelease = postRaw(RESERVATIONS + "/" + held + "/releases", "<all/>", "Content-Type", "text/xml");
        Answer formFulfilment = postRaw(
                RESERVATIONS + "/" + held + "/fulfilments",
                "movementId=" + newMovementId(),
                "Content-Type",
                "application/x-www-form-urlencoded");
        Answer plainExtension = postRaw(
                RESERVATIONS + "/" + held + "/extensions", extension(60).toString(), "Content-Type", "text/plain");

        for (Answer answer : List.of(plainText, noContentType, xmlRelease, formFulfilment, plainExtension)) {
            assertProblem(answer, 415, "unsupported-media-type");
        }
        assertNothingWritten(id);
    }

    // --- placing -------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"reservationId", "channel", "orderReference", "sourceSystem", "lines"})
    void aMissingFieldIsAnInvalidRequestNamingIt(String field) {
        String id = newReservationId();
        ObjectNode missing = reservation(id, line(widget, 1));
        missing.remove(field);
        ObjectNode nulled = reservation(id, line(widget, 1));
        nulled.putNull(field);

        for (Answer answer : List.of(place(missing), place(nulled))) {
            assertProblem(answer, 400, "invalid-request");
            assertThat(answer.errorFields()).containsExactly(field);
            assertThat(answer.body().path("errors").get(0).path("message").asText())
                    .isEqualTo("must not be null");
        }
        assertNothingWritten(id);
    }

    @Test
    void aReservationWithoutLinesIsInvalid() {
        String id = newReservationId();

        Answer answer = place(reservation(id));

        assertProblem(answer, 400, "invalid-request");
        assertThat(answer.errorFields()).containsExactly("lines");
        assertNothingWritten(id);
    }

    @Test
    void aReservationOfMoreThanTwoHundredLinesIsInvalid() {
        String id = newReservationId();
        List<ObjectNode> lines = new ArrayList<>();
        for (int i = 0; i < 201; i++) {
            lines.add(line(PositionId.of(widget.sku().value() + "-" + i, DC1), 1));
        }

        Answer answer = place(reservation(id, lines.toArray(ObjectNode[]::new)));

        assertProblem(answer, 400, "invalid-request");
        assertThat(answer.errorFields()).containsExactly("lines");
        assertNothingWritten(id);
    }

    @Test
    void aPositionGivenTwiceInOneRequestIsInvalid() {
        String id = newReservationId();

        Answer placing = place(reservation(id, line(widget, 1), line(widget, 2)));
        Answer releasing = release(held, releaseOf(line(widget, 1), line(widget, 1)));
        Answer fulfilling = fulfil(held, fulfilment(newMovementId(), line(widget, 1), line(widget, 1)));

        for (Answer answer : List.of(placing, releasing, fulfilling)) {
            assertProblem(answer, 400, "invalid-request");
            assertThat(answer.body().path("detail").asText())
                    .isEqualTo("position " + widget + " appears in more than one line");
        }
        assertNothingWritten(id);
    }

    @Test
    void aLineThatIsNullIsInvalid() {
        String id = newReservationId();
        ObjectNode body = reservation(id, line(widget, 1));
        body.withArray("lines").addNull();

        Answer answer = place(body);

        assertProblem(answer, 400, "invalid-request");
        assertThat(answer.errorFields()).containsExactly("lines[1]");
        assertNothingWritten(id);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, 1_000_000_001L})
    void aQuantityThatIsNotBetweenOneAndOneBillionIsInvalid(long quantity) {
        String id = newReservationId();

        Answer placing = place(reservation(id, line(widget, quantity)));
        Answer releasing = release(held, releaseOf(line(widget, quantity)));
        Answer fulfilling = fulfil(held, fulfilment(newMovementId(), line(widget, quantity)));

        for (Answer answer : List.of(placing, releasing, fulfilling)) {
            assertProblem(answer, 400, "invalid-request");
            assertThat(answer.errorFields()).containsExactly("lines[0].quantity");
        }
        assertNothingWritten(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "2.0", "1e3", "\"2\"", "true", "9223372036854775808"})
    void aQuantityThatIsNotAWholeNumberIsAMalformedRequest(String quantity) {
        String id = newReservationId();
        String body = reservation(id, line(widget, 1)).toString().replace("\"quantity\":1", "\"quantity\":" + quantity);

        Answer answer = postRaw(RESERVATIONS, body, "Content-Type", "application/json");

        assertProblem(answer, 400, "malformed-request");
        assertThat(answer.errorFields()).containsExactly("lines[0].quantity");
        assertNothingWritten(id);
    }

    @Test
    void anExpiryGivenBothAsAnInstantAndATimeToLiveIsInvalid() {
        String id = newReservationId();
        String inAnHour = Instant.now().plusSeconds(3600).toString();

        Answer placing = place(
                reservation(id, line(widget, 1)).put("expiresAt", inAnHour).put("ttlSeconds", 3600));
        Answer extending = extend(held, extension(3600).put("expiresAt", inAnHour));

        assertProblem(placing, 400, "invalid-request");
        assertThat(placing.body().path("detail").asText()).isEqualTo("give expiresAt or ttlSeconds, not both");
        assertProblem(extending, 400, "invalid-request");
        assertNothingWritten(id);
    }

    @Test
    void anExtensionWithoutANewExpiryIsInvalid() {
        Answer answer = extend(held, JSON.createObjectNode().put("sourceSystem", "oms"));

        assertProblem(answer, 400, "invalid-request");
        assertThat(answer.body().path("detail").asText()).isEqualTo("give expiresAt or ttlSeconds");
        assertNothingChanged();
    }

    @Test
    void anExpiryInThePastIsRefused() {
        String id = newReservationId();
        String anHourAgo = Instant.now().minusSeconds(3600).toString();

        Answer placing = place(reservation(id, line(widget, 1)).put("expiresAt", anHourAgo));
        Answer extending = extend(held, JSON.createObjectNode().put("expiresAt", anHourAgo));

        assertProblem(placing, 409, "invalid-expiry");
        assertProblem(extending, 409, "invalid-expiry");
        assertNothingWritten(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"tomorrow\"", "\"2026-11-20\"", "\"2026-11-20T09:00:00\"", "1763629200"})
    void anExpiryThatIsNotAnInstantIsAMalformedRequest(String expiresAt) {
        String id = newReservationId();
        String body = reservation(id, line(widget, 1))
                .put("expiresAt", "X")
                .toString()
                .replace("\"X\"", expiresAt);

        Answer answer = postRaw(RESERVATIONS, body, "Content-Type", "application/json");

        assertProblem(answer, 400, "malformed-request");
        assertThat(answer.errorFields()).containsExactly("expiresAt");
        assertNothingWritten(id);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -60, THIRTY_DAYS_IN_SECONDS + 1})
    void aTimeToLiveOfNothingOrOverThirtyDaysIsInvalid(long ttlSeconds) {
        String id = newReservationId();

        Answer placing = place(reservation(id, line(widget, 1)).put("ttlSeconds", ttlSeconds));
        Answer extending = extend(held, extension(ttlSeconds));

        for (Answer answer : List.of(placing, extending)) {
            assertProblem(answer, 400, "invalid-request");
            assertThat(answer.errorFields()).containsExactly("ttlSeconds");
        }
        assertNothingWritten(id);
    }

    @Test
    void anExpiryMoreThanThirtyDaysAwayIsInvalid() {
        String id = newReservationId();
        String in31Days = Instant.now().plus(Duration.ofDays(31)).toString();
        String endOfTime = Instant.MAX.toString();

        List<Answer> answers = List.of(
                place(reservation(id, line(widget, 1)).put("expiresAt", in31Days)),
                place(reservation(id, line(widget, 1)).put("expiresAt", endOfTime)),
                extend(held, JSON.createObjectNode().put("expiresAt", in31Days)),
                extend(held, JSON.createObjectNode().put("expiresAt", endOfTime)));

        assertThat(answers).allSatisfy(answer -> {
            assertProblem(answer, 400, "invalid-request");
            assertThat(answer.body().path("detail").asText()).contains("expiresAt", "30 days");
        });
        assertNothingWritten(id);
    }

    @Test
    void thirtyDaysIsTheLongestAReservationMayBeHeldAtOnce() {
        String in29Days = Instant.now().plus(Duration.ofDays(29)).toString();

        Answer byTimeToLive =
                place(reservation(newReservationId(), line(widget, 1)).put("ttlSeconds", THIRTY_DAYS_IN_SECONDS));
        Answer byInstant =
                place(reservation(newReservationId(), line(widget, 1)).put("expiresAt", in29Days));
        Answer extended = extend(held, extension(THIRTY_DAYS_IN_SECONDS));

        assertThat(byTimeToLive.status()).isEqualTo(201);
        assertThat(byInstant.status()).isEqualTo(201);
        assertThat(extended.status()).isEqualTo(200);
    }

    @Test
    void oversizedStringsAreInvalid() {
        Map<String, String> oversized = Map.of(
                "reservationId", "R".repeat(65),
                "channel", "c".repeat(65),
                "orderReference", "O".repeat(65),
                "sourceSystem", "s".repeat(10_000));

        oversized.forEach((field, value) -> {
            String id = newReservationId();
            Answer answer = place(reservation(id, line(widget, 1)).put(field, value));

            assertProblem(answer, 400, "invalid-request");
            assertThat(answer.errorFields()).as(field).containsOnly(field);
            assertNothingWritten(id);
        });
        for (String field : List.of("sku", "location")) {
            String id = newReservationId();
            Answer answer = place(reservation(id, line(widget, 1).put(field, "X".repeat(65))));

            assertProblem(answer, 400, "invalid-request");
            assertThat(answer.errorFields()).as(field).containsOnly("lines[0]." + field);
            assertNothingWritten(id);
        }
        Answer longMovementId = fulfil(held, fulfilment("M".repeat(101)));
        assertProblem(longMovementId, 400, "invalid-request");
        assertThat(longMovementId.errorFields()).containsOnly("movementId");
        assertNothingChanged();
    }

    @Test
    void invalidCharactersAreInvalid() {
        Map<String, String> invalid = Map.of(
                "reservationId", "R 1",
                "channel", "web/shop",
                "orderReference", "#SO-1",
                "sourceSystem", "-webshop");

        invalid.forEach((field, value) -> {
            Answer answer =
                    place(reservation(newReservationId(), line(widget, 1)).put(field, value));

            assertProblem(answer, 400, "invalid-request");
            assertThat(answer.errorFields()).as(field).containsOnly(field);
        });
        assertProblem(place(reservation("-R1", line(widget, 1))), 400, "invalid-request");
        assertProblem(place(reservation("R@1", line(widget, 1))), 400, "invalid-request");
        Answer sku = place(reservation(newReservationId(), line(widget, 1).put("sku", "WID GET")));
        assertThat(sku.errorFields()).containsOnly("lines[0].sku");
        Answer location = place(reservation(newReservationId(), line(widget, 1).put("location", "DC/1")));
        assertThat(location.errorFields()).containsOnly("lines[0].location");
        assertNothingChanged();
    }

    // --- releasing, fulfilling, extending ------------------------------------------------------------------------

    @Test
    void aReservationIdOverSixtyFourCharactersInThePathIsInvalid() {
        String tooLong = "R".repeat(65);

        List<Answer> answers = List.of(
                releaseAll(tooLong),
                fulfil(tooLong, fulfilment(newMovementId())),
                extend(tooLong, extension(60)),
                releaseAll("R%201"),
                releaseAll("-R1"));

        assertThat(answers).allSatisfy(answer -> {
            assertProblem(answer, 400, "invalid-request");
            assertThat(answer.errorFields()).contains("reservationId");
        });
    }

    @Test
    void aFulfilmentWithoutMovementIdOrSourceSystemIsInvalid() {
        ObjectNode withoutMovementId = fulfilment(newMovementId());
        withoutMovementId.remove("movementId");
        ObjectNode withoutSourceSystem = fulfilment(newMovementId());
        withoutSourceSystem.remove("sourceSystem");

        Answer noMovementId = fulfil(held, withoutMovementId);
        Answer noSourceSystem = fulfil(held, withoutSourceSystem);
        Answer noBody = send(
                "POST",
                RESERVATIONS + "/" + held + "/fulfilments",
                BodyPublishers.noBody(),
                "Content-Type",
                "application/json");

        assertProblem(noMovementId, 400, "invalid-request");
        assertThat(noMovementId.errorFields()).containsExactly("movementId");
        assertProblem(noSourceSystem, 400, "invalid-request");
        assertThat(noSourceSystem.errorFields()).containsExactly("sourceSystem");
        assertProblem(noBody, 400, "malformed-request");
        assertNothingChanged();
    }

    @Test
    void aFulfilmentReferenceWithoutTypeOrNumberIsInvalid() {
        ObjectNode body = fulfilment(newMovementId());
        body.putObject("reference").put("type", "DELIVERY_NOTE");

        Answer answer = fulfil(held, body);

        assertProblem(answer, 400, "invalid-request");
        assertThat(answer.errorFields()).containsExactly("reference.number");
        assertNothingChanged();
    }

    @Test
    void aReleaseWithAnInvalidSourceSystemIsInvalid() {
        Answer answer = release(held, releaseOf(line(widget, 1)).put("sourceSystem", "oms system"));

        assertProblem(answer, 400, "invalid-request");
        assertThat(answer.errorFields()).containsExactly("sourceSystem");
        assertNothingChanged();
    }

    // --- then ----------------------------------------------------------------------------------------------------

    /** Neither the widget nor the held reservation changed. */
    private void assertNothingChanged() {
        assertThat(events(widget)).hasSize(widgetEvents);
        assertThat(balance(widget).reserved().units()).isEqualTo(2);
        assertThat(reservationEvents(held)).hasSize(1);
    }

    /** Nothing changed, and no reservation {@code id} exists. */
    private void assertNothingWritten(String id) {
        assertNothingChanged();
        assertThat(reservationEvents(id)).isEmpty();
    }
}
