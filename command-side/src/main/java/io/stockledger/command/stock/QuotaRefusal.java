package io.stockledger.command.stock;

import io.stockledger.command.platform.LedgerRefusal;

/** The rules of channel quotas on a position, as refusals. */
abstract sealed class QuotaRefusal extends LedgerRefusal
        permits QuotaRefusal.RingFenced, QuotaRefusal.InsufficientQuota {

    private QuotaRefusal(String code, String detail) {
        super(code, detail);
    }

    /** A channel may not reserve units ring-fenced for other channels. */
    static final class RingFenced extends QuotaRefusal {
        RingFenced(Object position, Object channel, long requested, long reservable) {
            super(
                    "ring-fenced-for-other-channels",
                    "%s: channel %s may reserve %d (the rest is ring-fenced for other channels), %d requested"
                            .formatted(position, channel, reservable, requested));
        }
    }

    /** A release of more quota than the channel holds on the position. */
    static final class InsufficientQuota extends QuotaRefusal {
        InsufficientQuota(Object position, Object channel, long requested, long quota) {
            super(
                    "insufficient-quota",
                    "%s: channel %s holds a quota of %d, %d requested".formatted(position, channel, quota, requested));
        }
    }
}
