package io.stockledger.query.channel;

import io.stockledger.query.eventlog.StoredTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.springframework.stereotype.Component;

/**
 * How fresh the availability projection is, from its processor's own status:
 *
 * <ul>
 *   <li>{@code eventPosition}: the highest global position the projection has applied (with its rows committed);
 *   <li>{@code asOf}: the last instant the projection was known to have read everything the event log had —
 *       its processor reported itself caught up. Between events this keeps moving (the log is polled every
 *       fetch delay), so a quiet ledger is not mistaken for a stale one; when the projection falls behind,
 *       {@code asOf} stays where it was and the age grows.
 * </ul>
 */
@Component
class Freshness {

    /** One reading of the projection's freshness. */
    record Reading(long eventPosition, Instant asOf, long ageMillis) {}

    private final EventProcessingConfiguration processing;
    private final Clock clock;
    private final StoredTokens storedTokens;
    private final AtomicReference<Instant> lastCaughtUp = new AtomicReference<>();

    Freshness(EventProcessingConfiguration processing, Clock clock, StoredTokens storedTokens) {
        this.processing = processing;
        this.clock = clock;
        this.storedTokens = storedTokens;
    }

    Reading read() {
        Instant now = clock.instant();
        Optional<EventTrackerStatus> status = status();
        long position = status.isPresent()
                ? position(status.get().getTrackingToken())
                : storedTokens().stream()
                        .mapToLong(token -> token == null ? -1 : position(token))
                        .min()
                        .orElse(-1L);
        if (status.map(EventTrackerStatus::isCaughtUp).orElse(false)) {
            lastCaughtUp.set(now);
        }
        Instant asOf = lastCaughtUp.get();
        long age = asOf == null ? -1 : Math.max(0, Duration.between(asOf, now).toMillis());
        return new Reading(position, asOf, age);
    }

    /** The projection's tokens as committed, one per segment (null where a segment has none yet). */
    private List<TrackingToken> storedTokens() {
        return storedTokens.of(AvailabilityProjection.PROCESSING_GROUP);
    }

    private Optional<EventTrackerStatus> status() {
        return processing
                .eventProcessorByProcessingGroup(AvailabilityProjection.PROCESSING_GROUP, StreamingEventProcessor.class)
                .map(StreamingEventProcessor::processingStatus)
                .map(Map::values)
                .flatMap(all -> all.stream().findFirst());
    }

    private static long position(TrackingToken token) {
        TrackingToken lowerBound = token == null ? null : WrappedToken.unwrapLowerBound(token);
        return lowerBound == null ? -1 : lowerBound.position().orElse(-1L);
    }
}
