package io.stockledger.query.web;

/**
 * A caller asked for an answer at least as fresh as an event position ({@code X-Min-Event-Position}) and the
 * projection did not reach it within the wait bound: answered 412 {@code position-not-reached}, never a stale
 * answer passed off as fresh.
 */
public final class PositionNotReached extends RuntimeException {

    public PositionNotReached(String detail) {
        super(detail);
    }
}
