package io.stockledger.command.stock;

import io.stockledger.command.platform.LedgerRefusal;

/**
 * The ledger rules of a stock position, as refusals.
 */
abstract sealed class StockRefusal extends LedgerRefusal
        permits StockRefusal.InsufficientAvailableStock,
                StockRefusal.OnHandWouldGoNegative,
                StockRefusal.InsufficientHeldStock,
                StockRefusal.HeldStockExceedsOnHand,
                StockRefusal.OnHandMismatch,
                StockRefusal.TransferNotInTransit,
                StockRefusal.InsufficientReservedStock {

    private StockRefusal(String code, String detail) {
        super(code, detail);
    }

    /** Shipments, transfers out, quarantine and damage may use only available stock. */
    static final class InsufficientAvailableStock extends StockRefusal {
        InsufficientAvailableStock(Object position, long requested, long available) {
            super(
                    "insufficient-available-stock",
                    "%s has %d available, %d requested".formatted(position, available, requested));
        }
    }

    /** On hand is never below zero at any business instant, including the instants after a backdated movement. */
    static final class OnHandWouldGoNegative extends StockRefusal {
        OnHandWouldGoNegative(Object position, java.time.Instant at, long lowest) {
            super(
                    "negative-on-hand",
                    "%s would have %d on hand at or after %s; on hand is never below zero"
                            .formatted(position, lowest, at));
        }
    }

    /** Releases, write-offs and damage from quarantine may use only units held in that bucket. */
    static final class InsufficientHeldStock extends StockRefusal {
        InsufficientHeldStock(Object position, String bucket, long requested, long held) {
            super("insufficient-held-stock", "%s has %d %s, %d requested".formatted(position, held, bucket, requested));
        }
    }

    /** Quarantined and damaged units are part of on hand: on hand never drops below them. */
    static final class HeldStockExceedsOnHand extends StockRefusal {
        HeldStockExceedsOnHand(Object position, long onHand, long held) {
            super(
                    "held-stock-exceeds-on-hand",
                    "%s would have %d on hand but %d quarantined or damaged; release or write off held units first"
                            .formatted(position, onHand, held));
        }
    }

    /** A count or adjustment made against an on-hand figure that is no longer current (compare-and-set). */
    static final class OnHandMismatch extends StockRefusal {
        OnHandMismatch(Object position, long expected, long actual) {
            super(
                    "on-hand-mismatch",
                    "%s has %d on hand, the request expected %d".formatted(position, actual, expected));
        }
    }

    /** A transfer in that does not match units in transit to this position (unknown, or received already). */
    static final class TransferNotInTransit extends StockRefusal {
        TransferNotInTransit(Object position, Object transferId, long requested, long inTransit) {
            super(
                    "transfer-not-in-transit",
                    "%s has %d units of transfer %s in transit, %d received"
                            .formatted(position, inTransit, transferId, requested));
        }
    }

    /** Releases and fulfilments use only units reserved for that reservation on that position. */
    static final class InsufficientReservedStock extends StockRefusal {
        InsufficientReservedStock(Object position, Object reservationId, long requested, long reserved) {
            super(
                    "insufficient-reserved-stock",
                    "%s holds %d units for reservation %s, %d requested"
                            .formatted(position, reserved, reservationId, requested));
        }
    }
}
