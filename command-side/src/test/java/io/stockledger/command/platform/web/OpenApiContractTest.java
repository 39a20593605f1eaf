package io.stockledger.command.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The command API as served ({@code /v3/api-docs}) is the one checked in at {@code docs/openapi/command-side.json}:
 * an API change is deliberate and reviewed. After one, regenerate the file with
 * {@code mvn -pl command-side -am verify -Dtest=OpenApiContractTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dstockledger.openapi.write=true} and review its diff.
 */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:openapi-${random.uuid};DB_CLOSE_DELAY=-1")
@AutoConfigureMockMvc
class OpenApiContractTest {

    static final Path CHECKED_IN = Path.of("..", "docs", "openapi", "command-side.json");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    @Autowired
    MockMvc mvc;

    @Test
    void theServedDescriptionIsTheCheckedInOne() throws Exception {
        String served =
                mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString();
        JsonNode description = JSON.readTree(served);
        String canonical = JSON.writeValueAsString(JSON.treeToValue(description, Object.class)) + "\n";

        if (Boolean.getBoolean("stockledger.openapi.write")) {
            Files.writeString(CHECKED_IN, canonical, StandardCharsets.UTF_8);
        }

        assertThat(Files.exists(CHECKED_IN))
                .as("%s exists (write it with -Dstockledger.openapi.write=true)", CHECKED_IN)
                .isTrue();
        assertThat(canonical)
                .as(
                        "the served /v3/api-docs against %s; if the change is meant, regenerate the file with"
                                + " -Dstockledger.openapi.write=true and review its diff",
                        CHECKED_IN)
                .isEqualTo(Files.readString(CHECKED_IN, StandardCharsets.UTF_8));
        assertThat(description.at("/components/securitySchemes/basic/scheme").asText())
                .isEqualTo("basic");
        assertThat(description
                        .at("/components/securitySchemes/bearer/bearerFormat")
                        .asText())
                .isEqualTo("JWT");
    }
}
