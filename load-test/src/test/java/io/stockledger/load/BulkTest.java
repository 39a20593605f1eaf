package io.stockledger.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BulkTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Map<String, Object> RECEIPT = Map.of("movementId", "M1", "sku", "S1", "quantity", 5);

    @Test
    void aMovementGoesToTheMovementsBulkWithItsSingleEndpointsPathSegmentAsKind() {
        for (String kind : List.of(
                "receipts",
                "shipments",
                "adjustments",
                "counts",
                "quarantines",
                "quarantine-releases",
                "damages",
                "write-offs",
                "transfers-out",
                "transfers-in",
                "returns",
                "short-picks")) {
            Bulk.Item item = Bulk.item("/api/v1/movements/" + kind, RECEIPT);

            assertThat(item.endpoint()).isEqualTo("/api/v1/movements/bulk");
            assertThat(item.body()).containsEntry("kind", kind).containsAllEntriesOf(RECEIPT);
            assertThat(item.body().keySet()).first().isEqualTo("kind");
        }
    }

    @Test
    void aReservationGoesToTheReservationsBulkWithItsActionAndIdFromThePath() {
        Map<String, Object> place = Map.of("reservationId", "R1", "channel", "web");

        assertThat(Bulk.item("/api/v1/reservations", place).body())
                .containsEntry("action", "place")
                .containsEntry("reservationId", "R1")
                .containsEntry("channel", "web");
        assertThat(Bulk.item("/api/v1/reservations/R1/releases", Map.of("sourceSystem", "WMS"))
                        .body())
                .isEqualTo(Map.of("action", "release", "reservationId", "R1", "sourceSystem", "WMS"));
        assertThat(Bulk.item("/api/v1/reservations/R1/fulfilments", Map.of("movementId", "SH1"))
                        .body())
                .isEqualTo(Map.of("action", "fulfil", "reservationId", "R1", "movementId", "SH1"));
        assertThat(Bulk.item("/api/v1/reservations/R1/extensions", Map.of("ttlSeconds", 60))
                        .body())
                .isEqualTo(Map.of("action", "extend", "reservationId", "R1", "ttlSeconds", 60));
        assertThat(Bulk.item("/api/v1/reservations/R1/releases", Map.of()).endpoint())
                .isEqualTo("/api/v1/reservations/bulk");
    }

    @Test
    void aRequestNoBulkEndpointTakesIsRefused() {
        assertThatThrownBy(() -> Bulk.item("/api/v1/channels/web", Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Bulk.item("/api/v1/reservations/R1/cancellations", Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Bulk.item("/api/v1/movements/M1/anything", Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBulkRequestIsItsItemsInOrder() throws Exception {
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("movementId", "M1");
        first.put("sku", "S1");
        first.put("quantity", 5);
        List<Bulk.Item> items = List.of(
                Bulk.item("/api/v1/movements/receipts", first),
                Bulk.item("/api/v1/movements/counts", Map.of("movementId", "C1")));

        assertThat(JSON.writeValueAsString(Bulk.request(items)))
                .isEqualTo("{\"items\":[{\"kind\":\"receipts\",\"movementId\":\"M1\",\"sku\":\"S1\",\"quantity\":5},"
                        + "{\"kind\":\"counts\",\"movementId\":\"C1\"}]}");
    }

    @Test
    void eachItemIsAnsweredAsItsSingleRequestWouldHaveBeen() throws Exception {
        JsonNode body = JSON.readTree(
                """
                {"items": [
                   {"status": 201, "reservation": {"reservationId": "R1", "status": "CONFIRMED", "lines": []}},
                   {"status": 409, "problem": {"type": "urn:stockledger:problem:reservation-rejected",
                                               "title": "Reservation rejected", "detail": "R2 holds nothing"}},
                   {"status": 200, "reservation": {"reservationId": "R3", "status": "FULFILLED"}},
                   {"status": 201, "movement": {"movementId": "M1", "type": "RECEIPT"}}],
                 "recorded": 3, "refused": 1}
                """);

        List<LedgerClient.Answer> answers = Bulk.answers(new LedgerClient.Answer(200, body, 7_000_000), 4);

        assertThat(answers).extracting(LedgerClient.Answer::status).containsExactly(201, 409, 200, 201);
        assertThat(answers).extracting(LedgerClient.Answer::nanos).containsOnly(7_000_000L);
        assertThat(answers.get(0).ok()).isTrue();
        assertThat(answers.get(0).body().path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(answers.get(1).ok()).isFalse();
        assertThat(answers.get(1).problem()).isEqualTo("reservation-rejected");
        assertThat(answers.get(2).body().path("reservationId").asText()).isEqualTo("R3");
        assertThat(answers.get(3).body().path("movementId").asText()).isEqualTo("M1");
    }

    @Test
    void aFailedBulkRequestFailsEachOfItsItemsWithItsAnswer() throws Exception {
        JsonNode problem = JSON.readTree("{\"type\": \"urn:stockledger:problem:payload-too-large\"}");

        List<LedgerClient.Answer> answers = Bulk.answers(new LedgerClient.Answer(413, problem, 5), 3);

        assertThat(answers).hasSize(3).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(413);
            assertThat(answer.problem()).isEqualTo("payload-too-large");
        });
    }

    @Test
    void anAnswerWithTheWrongNumberOfItemsFailsEveryItem() throws Exception {
        JsonNode body = JSON.readTree("{\"items\": [{\"status\": 201, \"movement\": {}}], \"recorded\": 1}");

        List<LedgerClient.Answer> answers = Bulk.answers(new LedgerClient.Answer(200, body, 5), 2);

        assertThat(answers).hasSize(2).allSatisfy(answer -> {
            assertThat(answer.ok()).isFalse();
            assertThat(answer.problem()).isEqualTo("bulk-answer-mismatch");
        });
    }
}
