package io.stockledger.command.stock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Quantity;
import io.stockledger.api.stock.PositionEvent;
import io.stockledger.api.stock.StockReceived;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code POST /api/v1/movements/bulk}: up to 1,000 movements in one request, each judged and answered as its single
 * post would be, in request order; a refused item changes nothing and does not affect its neighbours.
 */
class MovementBulkApiTest extends MovementApiTestSupport {

    private static final String BULK = "/api/v1/movements/bulk";

    @Test
    void aThousandItemsAreEachAnsweredOnTheirOwnAsTheirSinglePostWouldBe() {
        List<PositionId> positions =
                IntStream.range(0, 10).mapToObj(i -> newPosition()).toList();
        List<ObjectNode> givens = new ArrayList<>();
        List<JsonNode> givenAnswers = new ArrayList<>();
        for (PositionId position : positions) {
            ObjectNode receipt = movement(newMovementId(), position, 100);
            givens.add(receipt);
            givenAnswers.add(post("receipts", receipt).body());
        }
        List<ObjectNode> items = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            PositionId position = positions.get(i % 10);
            if (i < 10) {
                items.add(item("receipts", givens.get(i).deepCopy()));
            } else if (i < 20) {
                items.add(item("receipts", givens.get(i - 10).deepCopy().put("quantity", 7)));
            } else if (i < 120) {
                items.add(item("shipments", movement(newMovementId(), position, 1_000)));
            } else if (i % 20 < 10) {
                items.add(item("receipts", movement(newMovementId(), position, 2)));
            } else {
                items.add(item("shipments", movement(newMovementId(), position, 1)));
            }
        }

        Answer answer = bulk(items);

        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(200);
        assertThat(answer.header("X-Event-Position")).isNotBlank();
        JsonNode answers = answer.body().path("items");
        assertThat(answers).hasSize(1_000);
        for (int i = 0; i < 1_000; i++) {
            JsonNode item = answers.get(i);
            if (i < 10) {
                assertThat(item.path("status").asInt()).as("replay %d", i).isEqualTo(201);
                assertThat(item.path("movement")).as("replay %d", i).isEqualTo(givenAnswers.get(i));
            } else if (i < 20) {
                assertItemProblem(item, i, 409, "movement-id-conflict");
            } else if (i < 120) {
                assertItemProblem(item, i, 409, "insufficient-available-stock");
            } else {
                assertThat(item.path("status").asInt())
                        .as("new %d: %s", i, item)
                        .isEqualTo(201);
                assertThat(item.path("movement").path("movementId").asText())
                        .isEqualTo(items.get(i).path("movementId").asText());
            }
        }
        assertThat(answer.body().path("recorded").asInt()).isEqualTo(890);
        assertThat(answer.body().path("refused").asInt()).isEqualTo(110);
        for (PositionId position : positions) {
            // 100 given, 44 receipts of 2 and 44 shipments of 1 each; the refused items left nothing behind
            assertThat(events(position)).as("events of %s", position).hasSize(89);
            assertThat(((PositionEvent) lastEvent(position)).after().onHand())
                    .as("on hand at %s", position)
                    .isEqualTo(Quantity.of(144));
        }
    }

    @Test
    void itemsAreAppliedInRequestOrder() {
        PositionId widget = newPosition();

        Answer answer = bulk(List.of(
                item("receipts", movement(newMovementId(), widget, 5)),
                item("shipments", movement(newMovementId(), widget, 5)),
                item("shipments", movement(newMovementId(), widget, 1))));

        assertThat(statuses(answer)).containsExactly(201, 201, 409);
        assertItemProblem(answer.body().path("items").get(2), 2, 409, "insufficient-available-stock");
        assertThat(events(widget)).hasSize(2);
    }

    @Test
    void oneMovementIdTwiceInABulkIsRecordedOnceAndAnsweredAsARetryOrAConflict() {
        PositionId widget = newPosition();
        String movementId = newMovementId();
        ObjectNode receipt = movement(movementId, widget, 5);

        Answer answer = bulk(List.of(
                item("receipts", receipt.deepCopy()),
                item("receipts", receipt.deepCopy()),
                item("receipts", receipt.deepCopy().put("quantity", 6))));

        assertThat(statuses(answer)).containsExactly(201, 201, 409);
        assertThat(answer.body().path("items").get(1).path("movement"))
                .isEqualTo(answer.body().path("items").get(0).path("movement"));
        assertItemProblem(answer.body().path("items").get(2), 2, 409, "movement-id-conflict");
        assertThat(events(widget)).hasSize(1);
    }

    @Test
    void anItemThatCannotBeReadOrIsInvalidIsAnsweredInItsPlaceAndItsNeighboursAreRecorded() {
        PositionId widget = newPosition();
        ArrayNode items = JSON.createArrayNode();
        items.add(item("receipts", movement(newMovementId(), widget, 5)));
        items.add(item("pallets", movement(newMovementId(), widget, 1)));
        items.add(movement(newMovementId(), widget, 1));
        items.add(item("receipts", movement(newMovementId(), widget, 1)).put("quantity", "five"));
        items.add(item("receipts", movement(newMovementId(), widget, 1)).put("colour", "red"));
        ObjectNode noSku = item("receipts", movement(newMovementId(), widget, 1));
        noSku.remove("sku");
        items.add(noSku);
        items.add(item("transfers-out", movement(newMovementId(), widget, 1).put("destination", "DC1")));
        items.add(42);
        items.add(item("receipts", movement(newMovementId(), widget, 2)));

        Answer answer = bulkRaw(JSON.createObjectNode().set("items", items).toString());

        assertThat(statuses(answer)).containsExactly(201, 400, 400, 400, 400, 400, 400, 400, 201);
        JsonNode answers = answer.body().path("items");
        assertItemProblem(answers.get(1), 1, 400, "invalid-request");
        assertThat(fields(answers.get(1))).containsExactly("kind");
        assertItemProblem(answers.get(2), 2, 400, "invalid-request");
        assertThat(fields(answers.get(2))).containsExactly("kind");
        assertItemProblem(answers.get(3), 3, 400, "malformed-request");
        assertThat(answers.get(3).path("problem").path("detail").asText()).isEqualTo("quantity must be a whole number");
        assertItemProblem(answers.get(4), 4, 400, "malformed-request");
        assertThat(answers.get(4).path("problem").path("detail").asText()).isEqualTo("unknown property 'colour'");
        assertItemProblem(answers.get(5), 5, 400, "invalid-request");
        assertThat(fields(answers.get(5))).containsExactly("sku");
        assertItemProblem(answers.get(6), 6, 400, "invalid-request");
        assertThat(answers.get(6).path("problem").path("detail").asText())
                .isEqualTo("a transfer must go to another location");
        assertItemProblem(answers.get(7), 7, 400, "malformed-request");
        assertThat(answer.body().path("recorded").asInt()).isEqualTo(2);
        assertThat(answer.body().path("refused").asInt()).isEqualTo(7);
        assertThat(events(widget)).hasSize(2);
    }

    @Test
    void aUnitCostKeepsEveryDigitInABulk() {
        PositionId widget = newPosition();

        Answer answer = bulkRaw("{\"items\":["
                + item("receipts", movement(newMovementId(), widget, 1))
                        .put("unitCost", new BigDecimal("123456789012345.1234"))
                        .toString()
                + "]}");

        assertThat(statuses(answer)).containsExactly(201);
        assertThat(lastEvent(widget))
                .isInstanceOfSatisfying(StockReceived.class, received -> assertThat(received.unitCost())
                        .isEqualByComparingTo("123456789012345.1234"));
    }

    @Test
    void moreThanAThousandItemsAreRefusedWhole() {
        PositionId widget = newPosition();
        List<ObjectNode> items = IntStream.range(0, 1_001)
                .mapToObj(i -> item("receipts", movement(newMovementId(), widget, 1)))
                .toList();

        Answer answer = bulk(items);

        assertProblem(answer, 400, "invalid-request");
        assertThat(answer.errorFields()).containsExactly("items");
        assertThat(events(widget)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "null", "[]", "42", "{}", "{\"items\":[]}", "{\"items\":null}", "{\"items\":{}}"})
    void aBodyThatIsNotAnEnvelopeOfItemsIsRefusedWhole(String body) {
        Answer answer = bulkRaw(body);

        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(400);
        assertThat(answer.type())
                .isIn("urn:stockledger:problem:malformed-request", "urn:stockledger:problem:invalid-request");
    }

    @Test
    void anUnknownPropertyOfTheEnvelopeOrMalformedJsonIsAMalformedRequest() {
        PositionId widget = newPosition();
        String item = item("receipts", movement(newMovementId(), widget, 1)).toString();

        assertProblem(bulkRaw("{\"items\":[" + item + "],\"dryRun\":true}"), 400, "malformed-request");
        assertProblem(bulkRaw("{\"items\":[" + item + ","), 400, "malformed-request");
        assertThat(events(widget)).isEmpty();
    }

    @Test
    void aBulkBodyAboveTheBulkLimitIsTooLarge() {
        PositionId widget = newPosition();
        ObjectNode padded =
                item("receipts", movement(newMovementId(), widget, 1)).put("padding", "x".repeat(3 << 20));
        byte[] bytes = JSON.createObjectNode()
                .set("items", JSON.createArrayNode().add(padded))
                .toString()
                .getBytes(StandardCharsets.UTF_8);

        Answer withLength = send("POST", BULK, BodyPublishers.ofByteArray(bytes), "Content-Type", "application/json");
        Answer chunked = send(
                "POST",
                BULK,
                BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)),
                "Content-Type",
                "application/json");

        assertProblem(withLength, 413, "payload-too-large");
        assertProblem(chunked, 413, "payload-too-large");
        assertThat(events(widget)).isEmpty();
    }

    @Test
    void aBulkBodyIsNotJsonIsAnUnsupportedMediaType() {
        String body = "{\"items\":[" + item("receipts", movement(newMovementId(), newPosition(), 1)) + "]}";

        assertProblem(
                send("POST", BULK, BodyPublishers.ofString(body), "Content-Type", "text/plain"),
                415,
                "unsupported-media-type");
    }

    private static ObjectNode item(String kind, ObjectNode movement) {
        ObjectNode item = JSON.createObjectNode().put("kind", kind);
        item.setAll(movement);
        return item;
    }

    private Answer bulk(List<ObjectNode> items) {
        ArrayNode array = JSON.createArrayNode();
        items.forEach(array::add);
        return bulkRaw(JSON.createObjectNode().set("items", array).toString());
    }

    private Answer bulkRaw(String body) {
        return send("POST", BULK, BodyPublishers.ofString(body), "Content-Type", "application/json");
    }

    private static List<Integer> statuses(Answer answer) {
        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(200);
        List<Integer> statuses = new ArrayList<>();
        answer.body()
                .path("items")
                .forEach(item -> statuses.add(item.path("status").asInt()));
        return statuses;
    }

    private static List<String> fields(JsonNode item) {
        return item.path("problem").path("errors").findValuesAsText("field");
    }

    private static void assertItemProblem(JsonNode item, int index, int status, String slug) {
        assertThat(item.path("status").asInt())
                .as("status of item %d: %s", index, item)
                .isEqualTo(status);
        assertThat(item.has("movement")).isFalse();
        JsonNode problem = item.path("problem");
        assertThat(problem.path("type").asText()).isEqualTo("urn:stockledger:problem:" + slug);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).isNotBlank();
        assertThat(problem.path("index").asInt()).isEqualTo(index);
    }
}
