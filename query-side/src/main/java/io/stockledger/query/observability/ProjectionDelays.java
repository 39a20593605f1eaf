package io.stockledger.query.observability;

import java.time.Duration;
import java.util.Map;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * For tests only: {@code stockledger.testing.projection-delay.<projection>=<duration>} makes the named projection
 * (its processing group, e.g. {@code positions}) wait that long before it handles each event, so that a test can make
 * it really fall behind the log and watch the health and the console say so (the console's end-to-end test does).
 * Unset, as it is in every deployment, nothing is registered; set, the side logs a warning at start.
 */
@Configuration(proxyBeanMethods = false)
class ProjectionDelays {

    static final String PROPERTY = "stockledger.testing.projection-delay";

    private static final Logger log = LoggerFactory.getLogger(ProjectionDelays.class);

    /** Sleeps the calling thread; a seam for the unit test. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    @Bean
    ConfigurerModule delayedProjections(Environment environment) {
        Map<String, Duration> delays = Binder.get(environment)
                .bind(PROPERTY, Bindable.mapOf(String.class, Duration.class))
                .orElse(Map.of());
        return configurer -> configurer.eventProcessing(
                processing -> register(processing, delays, delay -> Thread.sleep(delay.toMillis())));
    }

    static void register(EventProcessingConfigurer processing, Map<String, Duration> delays, Sleeper sleeper) {
        delays.forEach((projection, delay) -> {
            log.warn(
                    "projection {} waits {} before each event ({}.{}: a test setting, never for production)",
                    projection,
                    delay,
                    PROPERTY,
                    projection);
            processing.registerHandlerInterceptor(projection, config -> new Delay(delay, sleeper));
        });
    }

    /** Waits before the event is handled, inside the projection's transaction, like a slow handler would. */
    record Delay(Duration delay, Sleeper sleeper) implements MessageHandlerInterceptor<EventMessage<?>> {

        @Override
        public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain)
                throws Exception {
            try {
                sleeper.sleep(delay);
            } catch (InterruptedException e) {
                // handle the event anyway, as without the delay; whoever interrupted still sees the flag
                Thread.currentThread().interrupt();
            }
            return chain.proceed();
        }
    }
}
