package io.stockledger.query.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Per projection, as gauges tagged {@code projection}: {@value #EVENTS_BEHIND}, {@value #MILLIS_BEHIND} (see
 * {@link ProjectionLag}) and {@value #DEAD_LETTERS} (parked events; {@value #DEAD_LETTER_SEQUENCES} their
 * sequences). Registered once the processors exist, read when scraped.
 */
@Component
class ProjectionMeters {

    static final String EVENTS_BEHIND = "stockledger.projection.lag.events";
    static final String MILLIS_BEHIND = "stockledger.projection.lag.millis";
    static final String DEAD_LETTERS = "stockledger.dead.letters";
    static final String DEAD_LETTER_SEQUENCES = "stockledger.dead.letter.sequences";

    private final MeterRegistry registry;
    private final ProjectionLag lag;
    private final DeadLetterCounts deadLetters;

    ProjectionMeters(MeterRegistry registry, ProjectionLag lag, DeadLetterCounts deadLetters) {
        this.registry = registry;
        this.lag = lag;
        this.deadLetters = deadLetters;
    }

    @EventListener(ApplicationReadyEvent.class)
    void register() {
        for (ProjectionLag.Lag one : lag.read()) {
            String name = one.projection();
            gauge(
                    EVENTS_BEHIND,
                    name,
                    "events the projection is behind the log's head",
                    ProjectionLag.Lag::eventsBehind);
            gauge(MILLIS_BEHIND, name, "ms since the projection was last caught up", ProjectionLag.Lag::millisBehind);
        }
        for (String group : deadLetters.read().keySet()) {
            Gauge.builder(DEAD_LETTERS, deadLetters, counts -> parked(counts.read(), group, true))
                    .description("events parked in the projection's dead-letter queue")
                    .tag("projection", group)
                    .register(registry);
            Gauge.builder(DEAD_LETTER_SEQUENCES, deadLetters, counts -> parked(counts.read(), group, false))
                    .description("sequences parked in the projection's dead-letter queue")
                    .tag("projection", group)
                    .register(registry);
        }
    }

    private void gauge(String meter, String projection, String description, ToDoubleFunction<ProjectionLag.Lag> value) {
        Gauge.builder(meter, lag, source -> of(source.read(), projection, value))
                .description(description)
                .tag("projection", projection)
                .register(registry);
    }

    private static double of(
            List<ProjectionLag.Lag> lags, String projection, ToDoubleFunction<ProjectionLag.Lag> value) {
        return lags.stream()
                .filter(one -> one.projection().equals(projection))
                .mapToDouble(value)
                .findFirst()
                .orElse(Double.NaN);
    }

    private static double parked(Map<String, DeadLetterCounts.Parked> parked, String group, boolean letters) {
        DeadLetterCounts.Parked one = parked.get(group);
        if (one == null) {
            return Double.NaN;
        }
        return letters ? one.letters() : one.sequences();
    }
}
