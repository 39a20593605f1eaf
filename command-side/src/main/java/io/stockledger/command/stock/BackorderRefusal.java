package io.stockledger.command.stock;

import io.stockledger.command.platform.LedgerRefusal;

/** The rules of backorders on a position, as refusals. */
abstract sealed class BackorderRefusal extends LedgerRefusal
        permits BackorderRefusal.LimitExceeded, BackorderRefusal.NotCovered {

    /** The code of a reservation line that would take its channel beyond its backorder limit on a position. */
    static final String LIMIT_EXCEEDED = "backorder-limit-exceeded";

    private BackorderRefusal(String code, String detail) {
        super(code, detail);
    }

    /** A channel's backorders on a position never exceed its policy's backorder limit. */
    static final class LimitExceeded extends BackorderRefusal {
        LimitExceeded(Object position, Object channel, long requested, long reservable, long room) {
            super(
                    LIMIT_EXCEEDED,
                    "%s: channel %s may reserve %d and backorder %d more, %d requested"
                            .formatted(position, channel, reservable, room, requested));
        }
    }

    /** Only reserved units ship: backordered units wait until stock covers them. */
    static final class NotCovered extends BackorderRefusal {
        NotCovered(Object position, Object reservationId, long requested, long reserved, long backordered) {
            super(
                    "backorder-not-covered",
                    "%s: reservation %s has %d reserved and %d backordered (not yet covered by stock), %d requested"
                            .formatted(position, reservationId, reserved, backordered, requested));
        }
    }
}
