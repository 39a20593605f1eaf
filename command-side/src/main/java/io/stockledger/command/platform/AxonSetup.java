package io.stockledger.command.platform;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Clock;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * Axon on the command side. Messages, events and snapshots are JSON (Axon's default XStream cannot handle
 * records). Axon uses the bean named {@code defaultAxonObjectMapper}; it is lenient about unknown properties so
 * that an older reader survives a newer event. The web layer keeps Spring's own, strict, mapper.
 */
@Configuration(proxyBeanMethods = false)
class AxonSetup {

    @Bean("defaultAxonObjectMapper")
    ObjectMapper axonObjectMapper() {
        return JsonMapper.builder()
                .findAndAddModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    @Bean
    @Primary
    ObjectMapper objectMapper(Jackson2ObjectMapperBuilder builder) {
        return builder.build();
    }

    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictRequests() {
        return builder -> builder.failOnUnknownProperties(true)
                .featuresToEnable(
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                        DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .featuresToDisable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }

    /** The ledger's recorded time. Command handlers take it as a parameter; tests inject a fixed one. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
