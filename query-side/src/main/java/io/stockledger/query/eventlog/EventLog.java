package io.stockledger.query.eventlog;

import org.axonframework.eventhandling.TrackingToken;

/** What projections may know about where an event stands in the event log. */
public final class EventLog {

    /** The metadata key under which the embedded event log hands each event its own global index. */
    public static final String GLOBAL_INDEX = LedgerEventStorageEngine.GLOBAL_INDEX;

    private EventLog() {}

    /**
     * An event's global index: the one the embedded event log put in its metadata, or else its token's position
     * (exact on Axon Server, whose tokens have no gaps).
     */
    public static long globalIndex(String fromMetaData, TrackingToken token) {
        if (fromMetaData != null) {
            return Long.parseLong(fromMetaData);
        }
        return token.position()
                .orElseThrow(() -> new IllegalStateException("an event without a global position: " + token));
    }
}
