package io.stockledger.security.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A side's API as served ({@code /v3/api-docs}) is the one checked in under {@code docs/openapi/}: an API change is
 * deliberate and reviewed. With {@code -Dstockledger.openapi.write=true} the served description is written over the
 * checked-in one first, to be reviewed as a diff.
 */
public final class OpenApiContract {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private OpenApiContract() {}

    public static void assertServedIsCheckedIn(MockMvc mvc, Path checkedIn) throws Exception {
        String served =
                mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString();
        JsonNode description = JSON.readTree(served);
        String canonical = JSON.writeValueAsString(JSON.treeToValue(description, Object.class)) + "\n";

        if (Boolean.getBoolean("stockledger.openapi.write")) {
            Files.writeString(checkedIn, canonical, StandardCharsets.UTF_8);
        }

        assertThat(Files.exists(checkedIn))
                .as("%s exists (write it with -Dstockledger.openapi.write=true)", checkedIn)
                .isTrue();
        assertThat(canonical)
                .as(
                        "the served /v3/api-docs against %s; if the change is meant, regenerate the file with"
                                + " -Dstockledger.openapi.write=true and review its diff",
                        checkedIn)
                .isEqualTo(Files.readString(checkedIn, StandardCharsets.UTF_8));
        assertThat(description.at("/components/securitySchemes/basic/scheme").asText())
                .isEqualTo("basic");
        assertThat(description
                        .at("/components/securitySchemes/bearer/bearerFormat")
                        .asText())
                .isEqualTo("JWT");
    }
}
