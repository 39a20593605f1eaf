package io.stockledger.query.eventlog;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * The event log exactly as recorded: every event in the revision it was stored in, with no upcaster applied. What
 * the hash chain covers, so that a later upcaster, which changes how old events read, cannot change their links.
 */
public interface RecordedEventLog {

    StreamableMessageSource<TrackedEventMessage<?>> source();

    /**
     * The log as stored now, for a reader that checks it: no event is served from a cache the processors share (where
     * it would be as it was read earlier, in the order it was delivered rather than in global index order).
     */
    default StreamableMessageSource<TrackedEventMessage<?>> asStored() {
        return source();
    }
}
