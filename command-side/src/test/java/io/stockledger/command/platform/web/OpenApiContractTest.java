package io.stockledger.command.platform.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stockledger.security.test.OpenApiContract;
import java.nio.file.Path;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The command API as served is the one checked in at {@code docs/openapi/command-side.json}. After a deliberate
 * change, regenerate it with {@code mvn -pl command-side -am verify -Dtest=OpenApiContractTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dstockledger.openapi.write=true} and review its diff.
 */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:openapi-${random.uuid};DB_CLOSE_DELAY=-1")
@AutoConfigureMockMvc
class OpenApiContractTest {

    @Autowired
    MockMvc mvc;

    @Test
    void theServedDescriptionIsTheCheckedInOne() throws Exception {
        OpenApiContract.assertServedIsCheckedIn(mvc, Path.of("..", "docs", "openapi", "command-side.json"));
    }

    /** A bulk operation answers those per item, inside its 200. */
    @Test
    void everyOperationDocumentsItsSuccessAndEveryCommandTheConflictAndUnavailableAnswers() throws Exception {
        JsonNode paths = new ObjectMapper()
                .readTree(mvc.perform(get("/v3/api-docs"))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .path("paths");
        SoftAssertions softly = new SoftAssertions();
        paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            String name = operation.getKey().toUpperCase() + " " + path.getKey();
            JsonNode responses = operation.getValue().path("responses");
            softly.assertThat(responses.fieldNames())
                    .toIterable()
                    .as("%s documents its success", name)
                    .anyMatch(code -> code.startsWith("2"));
            if (!operation.getKey().equals("get") && !path.getKey().endsWith("/bulk")) {
                softly.assertThat(responses.path("409").path("description").asText())
                        .as("%s documents concurrency-conflict", name)
                        .contains("concurrency-conflict");
                softly.assertThat(responses.path("503").path("headers").has("Retry-After"))
                        .as("%s documents ledger-unavailable with Retry-After", name)
                        .isTrue();
            }
        }));
        softly.assertAll();
    }
}
