package io.stockledger.command.stock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The API describes itself at /v3/api-docs: every movement endpoint with its request and its answers. */
class MovementApiDocumentationTest extends MovementApiTestSupport {

    static final List<String> KINDS = List.of(
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
            "short-picks");

    @Test
    void everyMovementKindIsDescribedWithItsRequestAndItsAnswers() {
        JsonNode api = get("/v3/api-docs").body();

        for (String kind : KINDS) {
            JsonNode post = api.path("paths").path("/api/v1/movements/" + kind).path("post");
            assertThat(post.path("summary").asText()).as(kind).isNotBlank();
            String request = post.path("requestBody")
                    .path("content")
                    .path("application/json")
                    .path("schema")
                    .path("$ref")
                    .asText();
            assertThat(request).as(kind).startsWith("#/components/schemas/").endsWith("Request");
            assertThat(post.path("responses").fieldNames())
                    .toIterable()
                    .as(kind)
                    .contains("201", "400", "409", "413", "415");
            assertThat(post.path("responses").path("409").path("content").has("application/problem+json"))
                    .isTrue();
            assertThat(post.path("parameters").findValuesAsText("name")).contains("X-Correlation-Id");
        }
    }

    @Test
    void theBulkEndpointsAreDescribedWithAnExampleRequestAndAnswer() {
        JsonNode paths = get("/v3/api-docs").body().path("paths");

        for (String path : List.of("/api/v1/movements/bulk", "/api/v1/reservations/bulk")) {
            JsonNode post = paths.path(path).path("post");
            assertThat(post.path("summary").asText()).as(path).isNotBlank();
            JsonNode request = post.path("requestBody").path("content").path("application/json");
            assertThat(request.path("schema").path("$ref").asText()).as(path).startsWith("#/components/schemas/Bulk");
            assertThat(request.path("examples").size()).as(path).isPositive();
            JsonNode answer = post.path("responses").path("200").path("content").path("application/json");
            assertThat(answer.path("examples").size()).as(path).isPositive();
            assertThat(post.path("responses").fieldNames())
                    .toIterable()
                    .as(path)
                    .contains("200", "400", "413", "415");
        }
    }

    @Test
    void theLookUpOfAMovementIsDescribed() {
        JsonNode get = get("/v3/api-docs")
                .body()
                .path("paths")
                .path("/api/v1/movements/{movementId}")
                .path("get");

        assertThat(get.path("summary").asText()).isNotBlank();
        assertThat(get.path("responses").fieldNames()).toIterable().contains("200", "400", "404");
    }

    @Test
    void requestSchemasCarryTheConstraintsOfTheValueTypes() {
        JsonNode receipt =
                get("/v3/api-docs").body().path("components").path("schemas").path("ReceiptRequest");

        assertThat(receipt.path("properties").path("sku").path("maxLength").asInt())
                .isEqualTo(64);
        assertThat(receipt.path("properties").path("sku").path("pattern").asText())
                .isNotBlank();
        assertThat(receipt.path("required"))
                .extracting(JsonNode::asText)
                .contains("movementId", "sku", "location", "quantity", "occurredAt", "sourceSystem", "reference");
    }
}
