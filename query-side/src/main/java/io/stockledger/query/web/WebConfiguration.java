package io.stockledger.query.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stockledger.api.common.CorrelationId;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import java.time.Instant;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.format.FormatterRegistry;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    private final MinEventPosition minEventPosition;

    WebConfiguration(MinEventPosition minEventPosition) {
        this.minEventPosition = minEventPosition;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(minEventPosition);
    }

    /** Instants in requests are ISO-8601 only (an offset is allowed), not epoch milliseconds or RFC 1123 dates. */
    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addConverter(String.class, Instant.class, Instant::parse);
    }

    /**
     * The web's JSON mapper, built like Spring Boot's own. Needed because Axon's {@code defaultAxonObjectMapper}
     * bean makes Spring Boot step back from defining one.
     */
    @Bean
    @Primary
    ObjectMapper objectMapper(Jackson2ObjectMapperBuilder builder) {
        return builder.createXmlMapper(false).build();
    }

    /**
     * A SKU or location with a slash in it, encoded as %2F, reaches the controllers (and is refused there as a
     * problem) instead of being rejected by Tomcat with an HTML page.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> encodedSlashesReachTheApi() {
        return factory -> factory.addConnectorCustomizers(
                connector -> connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue()));
    }

    /** Documents the correlation id header on every operation, as accepted and as echoed. */
    @Bean
    OpenApiCustomizer correlationIdHeader() {
        return api -> api.getPaths().values().forEach(path -> path.readOperations()
                .forEach(operation -> {
                    operation.addParametersItem(new HeaderParameter()
                            .name(CorrelationIdFilter.HEADER)
                            .description(
                                    "Ties the request to a business transaction; a new one is made up when absent.")
                            .required(false)
                            .schema(new StringSchema().pattern(CorrelationId.PATTERN)));
                    operation
                            .getResponses()
                            .values()
                            .forEach(response -> response.addHeaderObject(
                                    CorrelationIdFilter.HEADER,
                                    new Header()
                                            .description("The request's correlation id, given or made up.")
                                            .schema(new StringSchema())));
                }));
    }

    @Bean
    OpenAPI queryApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Stockledger query API")
                        .version("v1")
                        .description("Stock positions and reservations as recorded, the audit trail of every"
                                + " change, balances as of any business instant and the trace of a business"
                                + " transaction. Errors are RFC 9457 problem details with a stable type"
                                + " urn:stockledger:problem:<slug>."));
    }
}
