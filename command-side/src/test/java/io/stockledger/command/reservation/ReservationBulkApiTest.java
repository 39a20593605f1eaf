package io.stockledger.command.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stockledger.api.common.PositionId;
import io.stockledger.api.reservation.ReservationConfirmed;
import io.stockledger.api.reservation.ReservationFulfilled;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/v1/reservations/bulk}: placements, releases, fulfilments and extensions in one request, applied
 * in request order, each answered as its single request would be.
 */
class ReservationBulkApiTest extends ReservationApiTestSupport {

    private static final String BULK = RESERVATIONS + "/bulk";

    @Test
    void aPlacementAndItsFulfilmentInOneBulkBothSucceed() {
        PositionId widget = stocked(10);
        String reservationId = newReservationId();

        Answer answer = bulk(
                act("place", reservation(reservationId, line(widget, 4))),
                act("fulfil", reservationId, fulfilment(newMovementId())));

        assertThat(statuses(answer)).containsExactly(201, 200);
        JsonNode items = answer.body().path("items");
        assertThat(items.get(0).path("reservation").path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(items.get(1).path("reservation").path("status").asText()).isEqualTo("FULFILLED");
        assertThat(items.get(1).path("reservation").path("lines").get(0)).isEqualTo(lineState(widget, 4, 0, 4, 0));
        assertThat(reservationEvents(reservationId))
                .hasExactlyElementsOfTypes(ReservationConfirmed.class, ReservationFulfilled.class);
        assertBalance(widget, 6, 0, 6);
        assertThat(answer.header("X-Event-Position")).isNotBlank();
        assertThat(answer.body().path("recorded").asInt()).isEqualTo(2);
        assertThat(answer.body().path("refused").asInt()).isZero();
    }

    @Test
    void eachActionIsAnsweredAsItsSingleRequestWouldBe() {
        PositionId widget = stocked(10);
        String held = givenReserved(line(widget, 2));
        String released = givenReserved(line(widget, 1));
        String extended = givenReserved(line(widget, 1));
        String placedAgain = givenReserved(line(widget, 1));

        Answer answer = bulk(
                act("release", released, releaseOf()),
                act("extend", extended, extension(3_600)),
                act("fulfil", held, fulfilment(newMovementId(), line(widget, 1))),
                act("place", reservation(placedAgain, line(widget, 1))),
                act("release", newReservationId(), releaseOf()),
                act("extend", released, extension(3_600)));

        assertThat(statuses(answer)).containsExactly(200, 200, 200, 201, 404, 409);
        JsonNode items = answer.body().path("items");
        assertThat(items.get(0).path("reservation").path("status").asText()).isEqualTo("RELEASED");
        assertThat(items.get(2).path("reservation").path("lines").get(0)).isEqualTo(lineState(widget, 2, 1, 1, 0));
        assertThat(items.get(3).path("reservation").path("reservationId").asText())
                .isEqualTo(placedAgain);
        assertItemProblem(items.get(4), 4, 404, "reservation-not-found");
        assertItemProblem(items.get(5), 5, 409, "reservation-not-active");
        // 10 received, 2 + 1 + 1 reserved, 1 released, 1 shipped
        assertBalance(widget, 9, 3, 6);
    }

    @Test
    void aRejectedPlacementIsAConflictWithItsRejectionsAndItsNeighboursAreHeld() {
        PositionId scarce = stocked(2);
        PositionId plenty = stocked(10);
        String rejected = newReservationId();
        String confirmed = newReservationId();

        Answer answer = bulk(
                act("place", reservation(rejected, line(plenty, 1), line(scarce, 3))),
                act("place", reservation(confirmed, line(plenty, 1), line(scarce, 2))));

        assertThat(statuses(answer)).containsExactly(409, 201);
        JsonNode problem = answer.body().path("items").get(0).path("problem");
        assertItemProblem(answer.body().path("items").get(0), 0, 409, "reservation-rejected");
        assertThat(problem.path("reservationId").asText()).isEqualTo(rejected);
        assertThat(problem.path("rejections")).containsExactly(rejection(scarce, 3, 2));
        assertBalance(scarce, 2, 2, 0);
        assertBalance(plenty, 10, 1, 9);
    }

    @Test
    void aThousandPlacementsWithSomeRefusedAndSomeRepeatedAreEachAnswered() {
        PositionId widget = stocked(900);
        List<String> earlier = IntStream.range(0, 10)
                .mapToObj(i -> givenReserved(line(widget, 1)))
                .toList();
        List<ObjectNode> items = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            if (i < 10) {
                items.add(act("place", reservation(earlier.get(i), line(widget, 1))));
            } else if (i < 20) {
                items.add(act("fulfil", newReservationId(), fulfilment(newMovementId())));
            } else {
                items.add(act("place", reservation(newReservationId(), line(widget, 1))));
            }
        }

        Answer answer = bulk(items.toArray(ObjectNode[]::new));

        List<Integer> statuses = statuses(answer);
        assertThat(statuses.subList(0, 10)).containsOnly(201);
        assertThat(statuses.subList(10, 20)).containsOnly(404);
        // 890 units are left after the 10 earlier reservations: the last 90 placements are rejected
        assertThat(statuses.subList(20, 910)).containsOnly(201);
        assertThat(statuses.subList(910, 1_000)).containsOnly(409);
        assertThat(answer.body().path("recorded").asInt()).isEqualTo(900);
        assertThat(answer.body().path("refused").asInt()).isEqualTo(100);
        assertBalance(widget, 900, 900, 0);
    }

    @Test
    void anItemThatCannotBeReadOrIsInvalidIsAnsweredInItsPlace() {
        PositionId widget = stocked(10);
        String reservationId = givenReserved(line(widget, 1));
        ObjectNode noLines = reservation(newReservationId());
        noLines.remove("lines");

        Answer answer = bulk(
                act("hold", reservation(newReservationId(), line(widget, 1))),
                act("place", noLines),
                act("release", "R 1", releaseOf()),
                act("fulfil", reservationId, fulfilment(newMovementId()).put("quantity", 1)),
                act("extend", reservationId, JSON.createObjectNode()),
                act("place", reservation(newReservationId(), line(widget, 1))));

        assertThat(statuses(answer)).containsExactly(400, 400, 400, 400, 400, 201);
        JsonNode items = answer.body().path("items");
        assertItemProblem(items.get(0), 0, 400, "invalid-request");
        assertThat(fields(items.get(0))).containsExactly("action");
        assertItemProblem(items.get(1), 1, 400, "invalid-request");
        assertThat(fields(items.get(1))).containsExactly("lines");
        assertItemProblem(items.get(2), 2, 400, "invalid-request");
        assertThat(fields(items.get(2))).containsExactly("reservationId");
        assertItemProblem(items.get(3), 3, 400, "malformed-request");
        assertThat(fields(items.get(3))).containsExactly("quantity");
        assertItemProblem(items.get(4), 4, 400, "invalid-request");
        assertBalance(widget, 10, 2, 8);
    }

    @Test
    void moreThanAThousandItemsAreRefusedWhole() {
        PositionId widget = stocked(10);
        ObjectNode[] items = IntStream.range(0, 1_001)
                .mapToObj(i -> act("place", reservation(newReservationId(), line(widget, 1))))
                .toArray(ObjectNode[]::new);

        Answer answer = bulk(items);

        assertProblem(answer, 400, "invalid-request");
        assertBalance(widget, 10, 0, 10);
    }

    private static ObjectNode act(String action, ObjectNode body) {
        ObjectNode item = JSON.createObjectNode().put("action", action);
        item.setAll(body);
        return item;
    }

    private static ObjectNode act(String action, String reservationId, ObjectNode body) {
        ObjectNode item = JSON.createObjectNode().put("action", action).put("reservationId", reservationId);
        item.setAll(body);
        return item;
    }

    private Answer bulk(ObjectNode... items) {
        ArrayNode array = JSON.createArrayNode();
        for (ObjectNode item : items) {
            array.add(item);
        }
        return postJson(BULK, JSON.createObjectNode().set("items", array));
    }

    private Answer bulk(List<ObjectNode> items) {
        return bulk(items.toArray(ObjectNode[]::new));
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
        assertThat(item.has("reservation")).isFalse();
        JsonNode problem = item.path("problem");
        assertThat(problem.path("type").asText()).isEqualTo("urn:stockledger:problem:" + slug);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).isNotBlank();
        assertThat(problem.path("index").asInt()).isEqualTo(index);
    }
}
