package io.stockledger.query.channel;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@value #AGE}: how old the availability channels are served is, in ms ({@link Freshness}: since its projection
 * was last seen caught up; -1 before it ever was).
 */
@Component
class AvailabilityMeters {

    static final String AGE = "stockledger.availability.age.millis";

    AvailabilityMeters(Freshness freshness, MeterRegistry registry) {
        Gauge.builder(AGE, freshness, source -> source.read().ageMillis())
                .description("age of the availability data, ms")
                .register(registry);
    }
}
