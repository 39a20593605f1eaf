package io.stockledger.query.observability;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Projections")
class LagController {

    /**
     * One projection's lag behind the event log and its parked events; {@code degraded} says why it degrades the
     * side's health (null when it does not).
     */
    record ProjectionLagStatus(
            String projection,
            boolean running,
            boolean error,
            long position,
            long head,
            long eventsBehind,
            long millisBehind,
            Instant lastCaughtUp,
            Long deadLetterSequences,
            Long deadLetters,
            String degraded) {}

    private final ProjectionLag lag;
    private final DeadLetterCounts deadLetters;
    private final ProjectionHealth health;

    LagController(ProjectionLag lag, DeadLetterCounts deadLetters, ProjectionHealth health) {
        this.lag = lag;
        this.deadLetters = deadLetters;
        this.health = health;
    }

    @GetMapping("/api/v1/projections/lag")
    @Operation(
            summary = "Projection lag",
            description = "Per projection (processing group): its position, the log's head, how many events and"
                    + " milliseconds it is behind (-1: unknown), its parked dead letters, and why it degrades"
                    + " the health, if it does.")
    List<ProjectionLagStatus> lag() {
        Map<String, DeadLetterCounts.Parked> parked = deadLetters.read();
        return lag.read().stream()
                .map(one -> {
                    DeadLetterCounts.Parked letters = parked.get(one.projection());
                    return new ProjectionLagStatus(
                            one.projection(),
                            one.running(),
                            one.error(),
                            one.position(),
                            one.head(),
                            one.eventsBehind(),
                            one.millisBehind(),
                            one.lastCaughtUp(),
                            letters == null ? null : letters.sequences(),
                            letters == null ? null : letters.letters(),
                            health.why(one, letters));
                })
                .toList();
    }
}
