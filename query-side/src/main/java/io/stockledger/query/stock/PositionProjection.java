package io.stockledger.query.stock;

import io.stockledger.api.stock.BackorderFilled;
import io.stockledger.api.stock.BackorderReleased;
import io.stockledger.api.stock.CountDifferenceRecomputed;
import io.stockledger.api.stock.MovementRecorded;
import io.stockledger.api.stock.PositionEvent;
import io.stockledger.api.stock.ReservationShortfallChanged;
import io.stockledger.api.stock.StockBackordered;
import io.stockledger.query.eventlog.EventLog;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.stereotype.Component;

/**
 * Keeps every position's current buckets: each event carries the buckets after it, so the row takes those. A
 * reservation shortfall event also says how many reserved units the position cannot deliver now, a backorder event
 * how many units are backordered on the position.
 */
@Component
@ProcessingGroup(PositionProjection.PROCESSING_GROUP)
class PositionProjection {

    static final String PROCESSING_GROUP = "positions";

    private final PositionRows rows;

    PositionProjection(PositionRows rows) {
        this.rows = rows;
    }

    @EventHandler
    void on(
            PositionEvent event,
            @SequenceNumber long sequence,
            @Timestamp Instant recordedAt,
            @MetaDataValue(EventLog.GLOBAL_INDEX) String globalIndex,
            TrackingToken token) {
        rows.apply(
                event.positionId(),
                event.after(),
                shortfall(event),
                backordered(event),
                occurredAt(event),
                recordedAt,
                // The event's own index: a gap-aware token's position may already be past a late gap-filler.
                EventLog.globalIndex(globalIndex, token),
                sequence);
    }

    /** The position's new reservation shortfall; null for an event that does not state it. */
    private static Long shortfall(PositionEvent event) {
        return event instanceof ReservationShortfallChanged changed
                ? changed.shortfall().units()
                : null;
    }

    /** The position's backordered units after a backorder event; null for an event that does not state them. */
    private static Long backordered(PositionEvent event) {
        if (event instanceof StockBackordered backordered) {
            return backordered.backordered().position().units();
        }
        if (event instanceof BackorderFilled filled) {
            return filled.backordered().position().units();
        }
        if (event instanceof BackorderReleased released) {
            return released.backordered().position().units();
        }
        return null;
    }

    /** The business time an event is about; null for one that has none of its own (a reservation shortfall). */
    private static Instant occurredAt(PositionEvent event) {
        if (event instanceof MovementRecorded movement) {
            return movement.movement().occurredAt();
        }
        if (event instanceof CountDifferenceRecomputed recomputed) {
            return recomputed.countOccurredAt();
        }
        if (event instanceof StockBackordered backordered) {
            return backordered.movement().occurredAt();
        }
        if (event instanceof BackorderReleased released) {
            return released.movement().occurredAt();
        }
        return null;
    }
}
