package io.stockledger.query.web;

import java.time.Duration;

/**
 * A caller asked for an answer at least as fresh as an event position ({@code X-Min-Event-Position}) and the
 * projection did not reach it within the wait bound: answered 412 {@code position-not-reached}, never a stale
 * answer passed off as fresh. The problem names the projection, the position asked for and the position up to which
 * the projection has applied every event ({@code reached}, -1 for none).
 */
public final class PositionNotReached extends RuntimeException {

    private final String projection;
    private final long minEventPosition;
    private final long reached;

    public PositionNotReached(String projection, long minEventPosition, long reached, Duration waited) {
        super("The " + projection + " projection has not reached event position " + minEventPosition + " within "
                + waited.toMillis() + " ms; it has applied every event up to position " + reached);
        this.projection = projection;
        this.minEventPosition = minEventPosition;
        this.reached = reached;
    }

    public String projection() {
        return projection;
    }

    public long minEventPosition() {
        return minEventPosition;
    }

    public long reached() {
        return reached;
    }
}
