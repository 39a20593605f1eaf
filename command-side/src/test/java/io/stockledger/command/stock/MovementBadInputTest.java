package io.stockledger.command.stock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stockledger.api.common.PositionId;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Anything malformed, out of range or unknown gets a 4xx problem that says what is wrong, and changes nothing.
 * No answer is a 5xx (every answer of these tests is checked for it).
 */
class MovementBadInputTest extends MovementApiTestSupport {

    private final PositionId widget = newPosition();

    @Test
    void malformedJsonIsAMalformedRequest() {
        Answer answer = postRaw(
                "receipts",
                "{\"movementId\": \"" + newMovementId() + "\", \"sku\": ",
                "Content-Type",
                "application/json");

        assertProblem(answer, 400, "malformed-request");
        assertThat(answer.body().path("detail").asText()).startsWith("the body is not valid JSON");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "null", "[]", "42", "\"receipt\""})
    void aBodyThatIsNotAJsonObjectIsAMalformedRequest(String body) {
        Answer answer = postRaw("receipts", body, "Content-Type", "application/json");

        assertProblem(answer, 400, "malformed-request");
    }

    @Test
    void twoJsonObjectsInOneBodyAreAMalformedRequest() {
        String receipt = movement(newMovementId(), widget, 1).toString();

        Answer answer = postRaw("receipts", receipt + receipt, "Content-Type", "application/json");

        assertProblem(answer, 400, "malformed-request");
        assertNothingRecordedAt(widget);
    }

    @Test
    void aPropertyGivenTwiceIsAMalformedRequest() {
        String body = movement(newMovementId(), widget, 1).toString().replace("{", "{\"quantity\":1000,");

        Answer answer = postRaw("receipts", body, "Content-Type", "application/json");

        assertProblem(answer, 400, "malformed-request");
        assertThat(answer.body().path("detail").asText()).contains("quantity");
        assertNothingRecordedAt(widget);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"five\"", "\"5\"", "1.5", "1.0", "true", "{}"})
    void aQuantityThatIsNotAWholeNumberIsAMalformedRequest(String quantity) {
        String body =
                movement(newMovementId(), widget, 1).toString().replace("\"quantity\":1", "\"quantity\":" + quantity);

        Answer answer = postRaw("receipts", body, "Content-Type", "application/json");

        assertProblem(answer, 400, "malformed-request");
        assertThat(answer.errorFields()).containsExactly("quantity");
        assertThat(answer.body().path("detail").asText()).isEqualTo("quantity must be a whole number");
        assertNothingRecordedAt(widget);
    }

    @Test
    void aNumberForASkuIsAMalformedRequest() {
        Answer answer = post("receipts", movement(newMovementId(), widget, 1).set("sku", new IntNode(4711)));

        assertProblem(answer, 400, "malformed-request");
        assertThat(answer.errorFields()).containsExactly("sku");
    }

    @Test
    void aFlagGivenAsAStringIsAMalformedRequest() {
        givenReceived(widget, 5);

        Answer answer = post("returns", movement(newMovementId(), widget, 1).put("toQuarantine", "true"));

        assertProblem(answer, 400, "malformed-request");
        assertThat(answer.errorFields()).containsExactly("toQuarantine");
        assertThat(events(widget)).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"yesterday\"", "\"2026-11-20\"", "\"2026-11-20T09:00:00\"", "1763629200"})
    void anOccurredAtThatIsNotAnInstantIsAMalformedRequest(String occurredAt) {
        String body = movement(newMovementId(), widget, 1).toString().replace("\"" + OCCURRED_AT + "\"", occurredAt);

        Answer answer = postRaw("receipts", body, "Content-Type", "application/json");

        assertProblem(answer, 400, "malformed-request");
        assertThat(answer.errorFields()).containsExactly("occurredAt");
        assertNothingRecordedAt(widget);
    }

    @Test
    void anUnknownPropertyIsAMalformedRequestNamingIt() {
        Answer unknown = post("receipts", movement(newMovementId(), widget, 1).put("colour", "red"));
        ObjectNode nested = movement(newMovementId(), widget, 1);
        ((ObjectNode) nested.get("reference")).put("line", 3);
        Answer unknownNested = post("receipts", nested);
        Answer otherKindsField =
                post("shipments", movement(newMovementId(), widget, 1).put("unitCost", 1));

        assertProblem(unknown, 400, "malformed-request");
        assertThat(unknown.errorFields()).containsExactly("colour");
        assertThat(unknown.body().path("detail").asText()).isEqualTo("unknown property 'colour'");
        assertProblem(unknownNested, 400, "malformed-request");
        assertThat(unknownNested.errorFields()).containsExactly("reference.line");
        assertProblem(otherKindsField, 400, "malformed-request");
        assertThat(otherKindsField.errorFields()).containsExactly("unitCost");
        assertNothingRecordedAt(widget);
    }

    @ParameterizedTest
    @ValueSource(strings = {"movementId", "sku", "location", "quantity", "occurredAt", "sourceSystem", "reference"})
    void aMissingFieldIsAnInvalidRequestNamingIt(String field) {
        ObjectNode missing = movement(newMovementId(), widget, 1);
        missing.remove(field);
        ObjectNode nulled = movement(newMovementId(), widget, 1);
        nulled.putNull(field);

        for (Answer answer : List.of(post("receipts", missing), post("receipts", nulled))) {
            assertProblem(answer, 400, "invalid-request");
            assertThat(answer.errorFields()).containsExactly(field);
            assertThat(answer.body().path("errors").get(0).path("message").asText())
                    .isEqualTo("must not be null");
        }
        assertNothingRecordedAt(widget);
    }

    @ParameterizedTest
    @ValueSource(strings = {"type", "number"})
    void aReferenceWithoutTypeOrNumberIsAnInvalidRequest(String field) {
        ObjectNode body = movement(newMovementId(), widget, 1);
        ((ObjectNode) body.get("reference")).remove(field);

        Answer answer = post("receipts", body);

        assertProblem(answer, 400, "invalid-request");
        assertThat(answer.errorFields()).containsExactly("reference." + field);
    }

    @Test
    void zeroAndNegativeQuantitiesAreInvalid() {
        givenReceived(widget, 10);

        List<Answer> answers = List.of(
                post("receipts", movement(newMovementId(), widget, 0)),
                post("receipts", movement(newMovementId(), widget, -1)),
                post("shipments", movement(newMovementId(), widget, 0)),
                post("short-picks", movement(newMovementId(), widget, -5)),
                post("counts", movement(newMovementId(), widget, -1)),
                post("counts", movement(newMovementId(), widget, 0).put("expectedOnHand", -1)),
                post("adjustments", movement(newMovementId(), widget, 0).put("reasonCode", "BREAKAGE")));

        assertThat(answers).allSatisfy(answer -> assertProblem(answer, 400, "invalid-request"));
        assertThat(events(widget)).hasSize(1);
    }

    @Test
    void aQuantityAboveOneBillionUnitsIsInvalid() {
        Answer answer = post("receipts", movement(newMovementId(), widget, 1_000_000_001L));

        assertProblem(answer, 400, "invalid-request");
        assertThat(answer.errorFields()).containsExactly("quantity");
        assertNothingRecordedAt(widget);
    }

    @Test
    void oversizedStringsAreInvalid() {
        Answer longSku = post("receipts", movement(newMovementId(), widget, 1).put("sku", "S".repeat(65)));
        ObjectNode hugeReference = movement(newMovementId(), widget, 1);
        ((ObjectNode) hugeReference.get("reference")).put("number", "7".repeat(10_000));
        Answer longReference = post("receipts", hugeReference);
        Answer longMovementId = post("receipts", movement("M".repeat(101), widget, 1));

        assertProblem(longSku, 400, "invalid-request");
        assertThat(longSku.errorFields()).containsOnly("sku");
        assertProblem(longReference, 400, "invalid-request");
        assertThat(longReference.errorFields()).containsOnly("reference.number");
        assertProblem(longMovementId, 400, "invalid-request");
        assertThat(longMovementId.errorFields()).containsOnly("movementId");
        assertNothingRecordedAt(widget);
    }

    @Test
    void invalidCharactersAreInvalid() {
        Map<String, String> invalid = Map.of(
                "movementId", "mov 1",
                "sku", "WID GET",
                "location", "DC/1",
                "sourceSystem", "-wms",
                "reasonCode", "breakage");

        invalid.forEach((field, value) -> {
            Answer answer =
                    post("receipts", movement(newMovementId(), widget, 1).put(field, value));

            assertProblem(answer, 400, "invalid-request");
            assertThat(answer.errorFields()).containsOnly(field);
        });
        ObjectNode lowerCaseType = movement(newMovementId(), widget, 1);
        ((ObjectNode) lowerCaseType.get("reference")).put("type", "po");
        assertThat(post("receipts", lowerCaseType).errorFields()).containsOnly("reference.type");
        assertNothingRecordedAt(widget);
    }

    @Test
    void anAdjustmentWithoutAReasonIsInvalid() {
        givenReceived(widget, 10);

        Answer answer = post("adjustments", movement(newMovementId(), widget, -2));

        assertProblem(answer, 400, "invalid-request");
        assertThat(answer.errorFields()).containsExactly("reasonCode");
        assertThat(events(widget)).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+10000-01-01T00:00:00Z", "1899-12-31T23:59:59Z"})
    void anOccurredAtOutsideTheLedgersCalendarIsInvalid(String occurredAt) {
        Answer answer = post("receipts", movement(newMovementId(), widget, 1).put("occurredAt", occurredAt));

        assertProblem(answer, 400, "invalid-request");
        assertThat(answer.body().path("detail").asText()).contains("occurredAt");
        assertNothingRecordedAt(widget);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-0.01", "1.23456", "1e20"})
    void aNegativeOrOverPreciseUnitCostIsInvalid(String unitCost) {
        Answer answer =
                post("receipts", movement(newMovementId(), widget, 1).put("unitCost", new BigDecimal(unitCost)));

        assertProblem(answer, 400, "invalid-request");
        assertThat(answer.errorFields()).containsOnly("unitCost");
        assertNothingRecordedAt(widget);
    }

    @Test
    void aTransferToTheLocationItLeavesIsInvalid() {
        givenReceived(widget, 10);

        Answer answer = post(
                "transfers-out",
                movement(newMovementId(), widget, 1)
                        .put("destination", widget.location().value()));

        assertProblem(answer, 400, "invalid-request");
        assertThat(answer.body().path("detail").asText()).isEqualTo("a transfer must go to another location");
        assertThat(events(widget)).hasSize(1);
    }

    @Test
    void cannotShipMoreThanIsAvailable() {
        givenReceived(widget, 5);

        Answer answer = post("shipments", movement(newMovementId(), widget, 6));

        assertProblem(answer, 409, "insufficient-available-stock");
        assertThat(answer.body().path("title").asText()).isEqualTo("Insufficient available stock");
        assertThat(events(widget)).hasSize(1);
    }

    @Test
    void cannotWriteOffMoreThanIsDamaged() {
        givenReceived(widget, 5);
        given("damages", movement(newMovementId(), widget, 1));

        Answer answer = post("write-offs", movement(newMovementId(), widget, 2));

        assertProblem(answer, 409, "insufficient-held-stock");
        assertThat(events(widget)).hasSize(2);
    }

    @Test
    void cannotTransferInATransferThatIsNotInTransit() {
        Answer answer =
                post("transfers-in", movement(newMovementId(), widget, 1).put("transferId", newMovementId()));

        assertProblem(answer, 409, "transfer-not-in-transit");
        assertNothingRecordedAt(widget);
    }

    @Test
    void cannotCountAgainstAStaleOnHand() {
        givenReceived(widget, 5);

        Answer answer = post("counts", movement(newMovementId(), widget, 4).put("expectedOnHand", 6));

        assertProblem(answer, 409, "on-hand-mismatch");
        assertThat(events(widget)).hasSize(1);
    }

    @Test
    void cannotTakeOnHandBelowZero() {
        givenReceived(widget, 5);

        Answer answer =
                post("adjustments", movement(newMovementId(), widget, -6).put("reasonCode", "BREAKAGE"));

        assertProblem(answer, 409, "negative-on-hand");
        assertThat(events(widget)).hasSize(1);
    }

    @Test
    void aBodyThatIsNotJsonIsAnUnsupportedMediaType() {
        String receipt = movement(newMovementId(), widget, 1).toString();

        Answer plainText = postRaw("receipts", receipt, "Content-Type", "text/plain");
        Answer noContentType = postRaw("receipts", receipt);

        assertProblem(plainText, 415, "unsupported-media-type");
        assertProblem(noContentType, 415, "unsupported-media-type");
        assertNothingRecordedAt(widget);
    }

    @Test
    void aMethodAMovementResourceDoesNotAllowIsRefused() {
        Answer deleteAKind = send("DELETE", "/api/v1/movements/receipts", BodyPublishers.noBody());
        Answer postAnUnknownKind = post("pallets", movement(newMovementId(), widget, 1));

        assertProblem(deleteAKind, 405, "method-not-allowed");
        assertThat(deleteAKind.header("Allow")).contains("POST", "GET");
        assertProblem(postAnUnknownKind, 405, "method-not-allowed");
        assertThat(postAnUnknownKind.header("Allow")).contains("GET").doesNotContain("POST");
        assertNothingRecordedAt(widget);
    }

    /**
     * {@code /api/v1/movements/receipts} is also where a movement whose id is "receipts" is looked up, so a GET there
     * is a look-up, not a 405; and a POST of an unknown kind is a 405 on a look-up path (above), not a 404.
     */
    @Test
    void gettingAMovementKindLooksUpAMovementOfThatId() {
        Answer answer = get("/api/v1/movements/receipts");

        assertProblem(answer, 404, "movement-not-found");
    }

    @Test
    void anUnknownPathIsNotFound() {
        assertProblem(get("/api/v1/stock"), 404, "not-found");
        assertProblem(get("/api/v1/movements/receipts/latest"), 404, "not-found");
        assertProblem(send("POST", "/api/v1/pallets", BodyPublishers.ofString("{}")), 404, "not-found");
    }

    @Test
    void anInvalidMovementIdCannotBeLookedUp() {
        Answer answer = get("/api/v1/movements/mov%201");

        assertProblem(answer, 400, "invalid-request");
        assertThat(answer.errorFields()).containsOnly("movementId");
    }

    @Test
    void aBodyOfOneMegabyteIsTooLarge() {
        ObjectNode huge = movement(newMovementId(), widget, 1).put("padding", "x".repeat(1024 * 1024));
        byte[] bytes = huge.toString().getBytes(StandardCharsets.UTF_8);

        Answer withLength = send(
                "POST",
                "/api/v1/movements/receipts",
                BodyPublishers.ofByteArray(bytes),
                "Content-Type",
                "application/json");
        Answer chunked = send(
                "POST",
                "/api/v1/movements/receipts",
                BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)),
                "Content-Type",
                "application/json");

        assertProblem(withLength, 413, "payload-too-large");
        assertProblem(chunked, 413, "payload-too-large");
        assertNothingRecordedAt(widget);
    }

    @ParameterizedTest
    @ValueSource(strings = {"order 42", "-order-42", "ünïcode"})
    void anInvalidCorrelationIdIsAnInvalidRequest(String correlationId) {
        Answer answer = post("receipts", movement(newMovementId(), widget, 1), "X-Correlation-Id", correlationId);

        assertProblem(answer, 400, "invalid-request");
        assertThat(answer.errorFields()).containsExactly("X-Correlation-Id");
        assertThat(UUID.fromString(answer.header("X-Correlation-Id"))).isNotNull();
        assertNothingRecordedAt(widget);
    }

    @Test
    void aCorrelationIdOfMoreThan128CharactersIsAnInvalidRequest() {
        Answer answer = post("receipts", movement(newMovementId(), widget, 1), "X-Correlation-Id", "c".repeat(129));

        assertProblem(answer, 400, "invalid-request");
        assertNothingRecordedAt(widget);
    }

    @Test
    void aMovementIsNotRecordedForAClientThatCannotReadTheAnswer() {
        Answer answer = post("receipts", movement(newMovementId(), widget, 1), "Accept", "application/xml");

        assertProblem(answer, 406, "not-acceptable");
        assertNothingRecordedAt(widget);
    }

    private void assertNothingRecordedAt(PositionId position) {
        assertThat(events(position)).isEmpty();
    }
}
