package io.stockledger.api.stock;

import io.stockledger.api.common.PositionId;

/**
 * Every event of a stock position. Each carries the position's buckets {@code after} it, in recording order:
 * the audit trail shows before and after without re-deriving the ledger rules.
 */
public sealed interface PositionEvent
        permits MovementRecorded,
                CountDifferenceRecomputed,
                ReservationShortfallChanged,
                StockBackordered,
                BackorderReleased {

    PositionId positionId();

    Balance after();
}
