package io.stockledger.query.observability;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * {@value #DEGRADED} when a projection lags more than {@code stockledger.health.projections.max-events-behind}
 * events or {@code …max-time-behind}, or has more than {@code …max-dead-letter-sequences} sequences parked, or its
 * processor has stopped on an error; {@code UP} otherwise. A degraded query side still answers (from older data),
 * so the status maps to HTTP 200, unlike {@code DOWN} (503): a load balancer keeps sending it traffic, an operator
 * sees why in the details and on the console.
 */
@Component("projections")
class ProjectionHealth implements HealthIndicator {

    static final String DEGRADED = "DEGRADED";
    static final Status DEGRADED_STATUS = new Status(DEGRADED, "a projection lags or has parked events");

    private final ProjectionLag lag;
    private final DeadLetterCounts deadLetters;
    private final long maxEventsBehind;
    private final Duration maxTimeBehind;
    private final long maxDeadLetterSequences;

    ProjectionHealth(
            ProjectionLag lag,
            DeadLetterCounts deadLetters,
            @Value("${stockledger.health.projections.max-events-behind:10000}") long maxEventsBehind,
            @Value("${stockledger.health.projections.max-time-behind:60s}") Duration maxTimeBehind,
            @Value("${stockledger.health.projections.max-dead-letter-sequences:0}") long maxDeadLetterSequences) {
        this.lag = lag;
        this.deadLetters = deadLetters;
        this.maxEventsBehind = maxEventsBehind;
        this.maxTimeBehind = maxTimeBehind;
        this.maxDeadLetterSequences = maxDeadLetterSequences;
    }

    @Override
    public Health health() {
        List<ProjectionLag.Lag> lags = lag.read();
        Map<String, DeadLetterCounts.Parked> parked = deadLetters.read();
        Map<String, Object> projections = new LinkedHashMap<>();
        boolean degraded = false;
        for (ProjectionLag.Lag one : lags) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("eventsBehind", one.eventsBehind());
            details.put("millisBehind", one.millisBehind());
            DeadLetterCounts.Parked letters = parked.get(one.projection());
            if (letters != null) {
                details.put("deadLetterSequences", letters.sequences());
            }
            String why = why(one, letters);
            if (why != null) {
                degraded = true;
                details.put("degraded", why);
            }
            projections.put(one.projection(), details);
        }
        return Health.status(degraded ? DEGRADED_STATUS : Status.UP)
                .withDetail(
                        "bounds",
                        Map.of(
                                "maxEventsBehind", maxEventsBehind,
                                "maxTimeBehind", maxTimeBehind.toString(),
                                "maxDeadLetterSequences", maxDeadLetterSequences))
                .withDetail("projections", projections)
                .build();
    }

    /** Why this projection degrades the side's health, or null when it does not. */
    String why(ProjectionLag.Lag one, DeadLetterCounts.Parked letters) {
        if (one.error()) {
            return "its processor stopped on an error";
        }
        if (one.eventsBehind() > maxEventsBehind) {
            return one.eventsBehind() + " events behind (bound " + maxEventsBehind + ")";
        }
        if (one.millisBehind() > maxTimeBehind.toMillis()) {
            return "last caught up " + one.millisBehind() + " ms ago (bound " + maxTimeBehind.toMillis() + " ms)";
        }
        if (letters != null && letters.sequences() > maxDeadLetterSequences) {
            return letters.sequences() + " sequences parked as dead letters (bound " + maxDeadLetterSequences + ")";
        }
        return null;
    }
}
