package io.stockledger.query.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/**
 * A projection that falls behind the log (here: slowed to a stop while the log grows) turns the query side's health
 * DEGRADED once it is more events or more time behind than the bounds; so does a parked dead letter or a processor
 * stopped on an error. One that keeps up is UP.
 */
class ProjectionHealthTest {

    private static final Instant START = Instant.parse("2026-11-23T08:00:00Z");

    private final AtomicLong head = new AtomicLong(100);
    private final MutableClock clock = new MutableClock(START);
    private final Map<String, StreamingEventProcessor> processors = new HashMap<>();
    private final Map<String, DeadLetterCounts.Parked> parked = new HashMap<>();
    private final ProjectionLag lag = new ProjectionLag(head::get, () -> processors, clock);
    private final ProjectionHealth health =
            new ProjectionHealth(lag, new DeadLetterCounts(() -> parked), 50, Duration.ofSeconds(30), 0);

    @Test
    void isUpWhileEveryProjectionKeepsUp() {
        processors.put("positions", processor(100, true, false));
        processors.put("audit", processor(100, true, false));

        Health answer = health.health();

        assertThat(answer.getStatus()).isEqualTo(Status.UP);
        assertThat(lag.read()).allSatisfy(one -> {
            assertThat(one.eventsBehind()).isZero();
            assertThat(one.millisBehind()).isZero();
        });
    }

    @Test
    void aSlowedProjectionTurnsHealthDegradedOnceItIsTooLongBehind() {
        StreamingEventProcessor slowed = processor(100, true, false);
        processors.put("positions", slowed);
        processors.put("audit", processor(100, true, false));
        health.health();

        // the log moves on, the slowed projection applies only a few of the new events
        head.set(120);
        slowedTo(slowed, 105);
        processors.put("audit", processor(120, true, false));
        clock.advance(Duration.ofSeconds(10));
        assertThat(health.health().getStatus()).as("10 s and 15 events behind").isEqualTo(Status.UP);

        clock.advance(Duration.ofSeconds(25));
        Health answer = health.health();

        assertThat(answer.getStatus().getCode()).isEqualTo("DEGRADED");
        assertThat(projection(answer, "positions"))
                .containsEntry("eventsBehind", 15L)
                .containsEntry("millisBehind", 35_000L)
                .containsEntry("degraded", "last caught up 35000 ms ago (bound 30000 ms)");
        assertThat(projection(answer, "audit")).doesNotContainKey("degraded");
    }

    @Test
    void aProjectionTooManyEventsBehindIsDegradedAtOnce() {
        head.set(1_000);
        processors.put("positions", processor(900, false, false));

        Health answer = health.health();

        assertThat(answer.getStatus().getCode()).isEqualTo("DEGRADED");
        assertThat(projection(answer, "positions")).containsEntry("degraded", "100 events behind (bound 50)");
    }

    @Test
    void aParkedDeadLetterOrAFailedProcessorIsDegraded() {
        processors.put("positions", processor(100, true, false));
        parked.put("positions", new DeadLetterCounts.Parked(1, 2));
        assertThat(health.health().getStatus().getCode()).isEqualTo("DEGRADED");

        parked.clear();
        processors.put("positions", processor(100, true, true));
        assertThat(health.health().getStatus().getCode()).isEqualTo("DEGRADED");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> projection(Health health, String name) {
        return ((Map<String, Map<String, Object>>) health.getDetails().get("projections")).get(name);
    }

    private static StreamingEventProcessor processor(long position, boolean caughtUp, boolean error) {
        StreamingEventProcessor processor = mock(StreamingEventProcessor.class);
        when(processor.isRunning()).thenReturn(!error);
        when(processor.isError()).thenReturn(error);
        slowedTo(processor, position, caughtUp);
        return processor;
    }

    private static void slowedTo(StreamingEventProcessor processor, long position) {
        slowedTo(processor, position, false);
    }

    private static void slowedTo(StreamingEventProcessor processor, long position, boolean caughtUp) {
        EventTrackerStatus status = mock(EventTrackerStatus.class);
        when(status.getCurrentPosition()).thenReturn(OptionalLong.of(position));
        when(status.isCaughtUp()).thenReturn(caughtUp);
        when(processor.processingStatus()).thenReturn(Map.of(0, status));
    }

    private static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
