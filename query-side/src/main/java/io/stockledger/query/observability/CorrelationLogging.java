package io.stockledger.query.observability;

import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every projection handles its events with {@link EventCorrelation} in front. */
@Configuration(proxyBeanMethods = false)
class CorrelationLogging {

    @Bean
    ConfigurerModule correlationInProjectionLogs() {
        return configurer -> configurer.eventProcessing(
                processing -> processing.registerDefaultHandlerInterceptor((config, name) -> new EventCorrelation()));
    }
}
