package io.stockledger.api.stock;

import io.stockledger.api.common.Quantity;

/**
 * A movement recorded on a position. {@link #change()} is what the movement does to the buckets at its own
 * business time; the one place the meaning of each movement for each bucket is written down.
 */
public sealed interface MovementRecorded extends PositionEvent
        permits StockReceived,
                StockShipped,
                StockAdjusted,
                StockCounted,
                StockQuarantined,
                StockReleasedFromQuarantine,
                StockDamaged,
                StockWrittenOff,
                StockTransferredOut,
                StockPutInTransit,
                StockTransferredIn,
                StockReturned,
                StockShortPicked,
                StockReserved,
                ReservedStockReleased,
                ReservedStockShipped,
                BackorderFilled {

    Movement movement();

    /** The figure the movement is about: units moved, the signed change of an adjustment, or the counted figure. */
    Quantity quantity();

    /** The change to every bucket at the movement's business time. A count's change is its difference. */
    Balance change();
}
