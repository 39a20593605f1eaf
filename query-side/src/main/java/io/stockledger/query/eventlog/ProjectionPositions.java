package io.stockledger.query.eventlog;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.springframework.stereotype.Component;

/**
 * How far each projection (processing group) has got in the event log, for a reader that must not be answered from
 * rows older than an event it knows of ({@code X-Min-Event-Position}).
 *
 * <p>An instance whose processor holds every segment of the projection answers from that processor's status, which
 * advances only once the rows of a batch have committed. An instance that holds some or none of them (another
 * instance of the query side does, in the Axon Server mode) answers from the tracking tokens in the projections
 * database they share, which commit with the rows they cover.
 */
@Component
public class ProjectionPositions {

    /** How often {@link #await} looks again; the processors' own fetch delay is of the same order. */
    static final long POLL_MILLIS = 5;

    private final EventProcessingConfiguration processing;
    private final StoredTokens storedTokens;

    ProjectionPositions(EventProcessingConfiguration processing, StoredTokens storedTokens) {
        this.processing = processing;
        this.storedTokens = storedTokens;
    }

    /**
     * Whether the projection has applied the event at global position {@code position}, in every segment. A position
     * its token has passed without seeing an event there yet (a gap: the event's transaction may still commit) is not
     * reached; one the token has passed and seen is, whatever gaps lie below it.
     */
    public boolean reached(String projection, long position) {
        List<TrackingToken> tokens = tokens(projection);
        return !tokens.isEmpty() && tokens.stream().allMatch(token -> reached(token, position));
    }

    /**
     * The global position up to which the projection has applied every event, in every segment; -1 when it has
     * applied none (or a segment has not started).
     */
    public long reached(String projection) {
        return tokens(projection).stream()
                .mapToLong(ProjectionPositions::everyEventUpTo)
                .min()
                .orElse(-1);
    }

    /** Waits until the projection has {@link #reached} {@code position} or {@code bound} has passed; says which. */
    public boolean await(String projection, long position, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!reached(projection, position)) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(POLL_MILLIS);
        }
        return true;
    }

    /** One token per segment: this instance's own when its processor holds every segment, else the stored ones. */
    private List<TrackingToken> tokens(String projection) {
        return processing
                .eventProcessorByProcessingGroup(projection, StreamingEventProcessor.class)
                .map(StreamingEventProcessor::processingStatus)
                .map(Map::values)
                .filter(ProjectionPositions::coversEverySegment)
                .map(statuses -> statuses.stream()
                        .map(EventTrackerStatus::getTrackingToken)
                        .toList())
                .orElseGet(() -> storedTokens.of(projection));
    }

    /** Whether the segments add up to the whole: a segment with mask m is 1/(m+1) of it. */
    private static boolean coversEverySegment(Collection<EventTrackerStatus> statuses) {
        if (statuses.isEmpty()) {
            return false;
        }
        long whole = statuses.stream()
                        .mapToLong(status -> status.getSegment().getMask())
                        .max()
                        .orElse(0)
                + 1;
        long covered = statuses.stream()
                .mapToLong(status -> whole / (status.getSegment().getMask() + 1L))
                .sum();
        return covered >= whole;
    }

    private static boolean reached(TrackingToken token, long position) {
        if (token == null) {
            return false;
        }
        TrackingToken lowerBound = WrappedToken.unwrapLowerBound(token);
        if (lowerBound instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex() >= position && !gapAware.getGaps().contains(position);
        }
        return lowerBound != null && lowerBound.position().orElse(-1L) >= position;
    }

    /** The position up to which a token has seen every event: its index, or just below its first gap. */
    private static long everyEventUpTo(TrackingToken token) {
        TrackingToken lowerBound = token == null ? null : WrappedToken.unwrapLowerBound(token);
        if (lowerBound == null) {
            return -1;
        }
        if (lowerBound instanceof GapAwareTrackingToken gapAware
                && !gapAware.getGaps().isEmpty()) {
            return Math.min(gapAware.getIndex(), gapAware.getGaps().first() - 1);
        }
        return lowerBound.position().orElse(-1L);
    }
}
