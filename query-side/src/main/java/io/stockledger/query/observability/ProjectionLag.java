package io.stockledger.query.observability;

import io.stockledger.query.eventlog.RecordedEventLog;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * How far behind the event log each projection is, in events and in time.
 *
 * <ul>
 *   <li>{@code eventsBehind}: the log's head position minus the lowest position any of the projection's segments
 *       has applied;
 *   <li>{@code millisBehind}: how long ago the projection was last seen caught up (every segment at the head), 0
 *       while it is. A sampler looks every {@value #SAMPLE_MILLIS} ms, so a quiet ledger is not mistaken for a
 *       stale projection and a projection that falls behind shows the age of its last caught-up moment.
 * </ul>
 *
 * Unknown values (no head yet, a processor that has not started) are -1.
 */
@Component
class ProjectionLag {

    static final long SAMPLE_MILLIS = 1000;

    /** One projection's lag. */
    record Lag(
            String projection,
            boolean running,
            boolean error,
            long position,
            long head,
            long eventsBehind,
            long millisBehind,
            Instant lastCaughtUp) {}

    private final LongSupplier head;
    private final Supplier<Map<String, StreamingEventProcessor>> processors;
    private final Clock clock;
    private final Instant started;
    private final Map<String, Instant> lastCaughtUp = new ConcurrentHashMap<>();
    private ScheduledExecutorService sampler;

    @Autowired
    ProjectionLag(RecordedEventLog eventLog, EventProcessingConfiguration processing, Clock clock) {
        this(() -> head(eventLog), () -> streaming(processing), clock);
        sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "projection-lag-sampler");
            thread.setDaemon(true);
            return thread;
        });
        sampler.scheduleWithFixedDelay(this::sample, SAMPLE_MILLIS, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
    }

    ProjectionLag(LongSupplier head, Supplier<Map<String, StreamingEventProcessor>> processors, Clock clock) {
        this.head = head;
        this.processors = processors;
        this.clock = clock;
        this.started = clock.instant();
    }

    @PreDestroy
    void stop() {
        if (sampler != null) {
            sampler.shutdownNow();
        }
    }

    /** Notes which projections are caught up now. */
    void sample() {
        try {
            read();
        } catch (RuntimeException e) {
            // the next sample tries again; a reader sees the failure itself
        }
    }

    /** Every projection's lag, by name. */
    List<Lag> read() {
        long headPosition = head.getAsLong();
        Instant now = clock.instant();
        List<Lag> lags = new ArrayList<>();
        new TreeMap<>(processors.get()).forEach((name, processor) -> lags.add(lag(name, processor, headPosition, now)));
        return lags;
    }

    private Lag lag(String name, StreamingEventProcessor processor, long headPosition, Instant now) {
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        OptionalLong position = status.values().stream()
                .map(EventTrackerStatus::getCurrentPosition)
                .filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong)
                .min();
        long applied = position.orElse(-1);
        long eventsBehind = headPosition < 0 ? -1 : Math.max(0, headPosition - Math.max(applied, -1));
        boolean caughtUp = !status.isEmpty()
                && status.values().stream().allMatch(EventTrackerStatus::isCaughtUp)
                && (headPosition < 0 || applied >= headPosition);
        if (caughtUp) {
            lastCaughtUp.put(name, now);
        }
        Instant seen = lastCaughtUp.get(name);
        long millisBehind = caughtUp
                ? 0
                : Math.max(
                        0, Duration.between(seen == null ? started : seen, now).toMillis());
        return new Lag(
                name,
                processor.isRunning(),
                processor.isError(),
                applied,
                headPosition,
                eventsBehind,
                millisBehind,
                seen);
    }

    private static long head(RecordedEventLog eventLog) {
        try {
            TrackingToken token = eventLog.source().createHeadToken();
            return token == null ? -1 : token.position().orElse(-1);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static Map<String, StreamingEventProcessor> streaming(EventProcessingConfiguration processing) {
        Map<String, StreamingEventProcessor> streaming = new TreeMap<>();
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor tracking) {
                streaming.put(name, tracking);
            }
        });
        return streaming;
    }
}
