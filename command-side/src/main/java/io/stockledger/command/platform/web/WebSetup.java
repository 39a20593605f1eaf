package io.stockledger.command.platform.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import io.stockledger.api.common.CorrelationId;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.io.IOException;
import java.time.Instant;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;

/** How requests are read, and how the API describes itself. */
@Configuration(proxyBeanMethods = false)
class WebSetup {

    /**
     * No coercion between JSON types on top of the strict mapper of {@code AxonSetup}: {@code "5"} is not a
     * number, {@code 5} is not a string, {@code "true"} is not a boolean, an instant is an ISO-8601 string (never
     * epoch seconds); a property given twice is an error rather than "the last one wins".
     */
    @Bean
    Jackson2ObjectMapperBuilderCustomizer noCoercion() {
        return builder -> builder.featuresToEnable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .deserializerByType(Instant.class, new IsoInstant())
                .postConfigurer(mapper -> {
                    mapper.coercionConfigFor(LogicalType.Textual)
                            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
                    mapper.coercionConfigFor(LogicalType.Integer)
                            .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
                    mapper.coercionConfigFor(LogicalType.Float)
                            .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
                    mapper.coercionConfigFor(LogicalType.Boolean)
                            .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
                });
    }

    /** Jackson's own reads a number as epoch seconds, whatever the coercion settings say. */
    private static final class IsoInstant extends StdScalarDeserializer<Instant> {

        IsoInstant() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser json, DeserializationContext context) throws IOException {
            if (!json.hasToken(JsonToken.VALUE_STRING)) {
                return (Instant) context.handleUnexpectedToken(Instant.class, json);
            }
            return InstantDeserializer.INSTANT.deserialize(json, context);
        }
    }

    @Bean
    OpenAPI commandApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Stockledger command API")
                        .version("v1")
                        .description("Records stock movements in the ledger. Errors are RFC 9457 problem details"
                                + " whose type is urn:stockledger:problem:<slug>."));
    }

    /**
     * Documents what every operation of the API shares: on every write operation the two answers any command may
     * get whatever its rules, {@value Problems#CONCURRENCY_CONFLICT} (409, added to the operation's own 409 if it has
     * one) and {@value Problems#LEDGER_UNAVAILABLE} (503, with {@code Retry-After}), except on bulk operations, which
     * answer them per item; then, on every operation,
     * {@value CorrelationIds#HEADER} as accepted and as echoed on each answer.
     */
    @Bean
    OpenApiCustomizer sharedAnswers() {
        return api -> {
            if (api.getPaths() == null) {
                return;
            }
            api.getPaths().forEach((path, item) -> {
                if (path.startsWith("/api/")) {
                    item.readOperationsMap().forEach((method, operation) -> {
                        if (method != PathItem.HttpMethod.GET
                                && !path.endsWith("/bulk")
                                && operation.getResponses() != null) {
                            documentCommandFailures(operation.getResponses());
                        }
                        documentCorrelationHeader(operation);
                    });
                }
            });
        };
    }

    private static void documentCommandFailures(ApiResponses responses) {
        String conflict = Problems.CONCURRENCY_CONFLICT
                + ": concurrent commands kept changing the same position or reservation through every retry;"
                + " nothing was recorded, send the same request again.";
        ApiResponse existing = responses.get("409");
        if (existing == null) {
            responses.addApiResponse("409", problem(conflict));
        } else if (!existing.getDescription().contains(Problems.CONCURRENCY_CONFLICT)) {
            existing.setDescription(existing.getDescription() + " Or " + conflict);
        }
        responses.addApiResponse(
                "503",
                problem(Problems.LEDGER_UNAVAILABLE
                                + " (Axon Server mode): Axon Server cannot be reached, did not answer in time or has no"
                                + " command-side instance; retry after the Retry-After seconds.")
                        .addHeaderObject(
                                HttpHeaders.RETRY_AFTER,
                                new Header()
                                        .description("Seconds to wait before retrying.")
                                        .schema(new IntegerSchema())));
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse()
                .description(description)
                .content(new Content()
                        .addMediaType(
                                "application/problem+json",
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/ProblemDetail"))));
    }

    private static void documentCorrelationHeader(Operation operation) {
        operation.addParametersItem(new HeaderParameter()
                .name(CorrelationIds.HEADER)
                .required(false)
                .description("Ties the request to its business transaction; generated (a UUID) when absent, echoed on"
                        + " every response and recorded in the origin of the movement.")
                .schema(new StringSchema().pattern(CorrelationId.PATTERN)));
        if (operation.getResponses() != null) {
            operation
                    .getResponses()
                    .values()
                    .forEach(response -> response.addHeaderObject(
                            CorrelationIds.HEADER,
                            new Header()
                                    .description("The request's correlation id, given or generated.")
                                    .schema(new StringSchema())));
        }
    }
}
