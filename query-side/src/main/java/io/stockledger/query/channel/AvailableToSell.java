package io.stockledger.query.channel;

import java.util.Map;

/**
 * The available-to-sell arithmetic of one channel on one position. In order:
 *
 * <ol>
 *   <li>{@code available} = on hand - reserved - quarantined - damaged, taken as 0 when negative (short);
 *   <li>each channel's unconsumed quota = max(0, its quota - what it holds reserved here);
 *   <li>{@code reservable} = max(0, available - the unconsumed quotas of every other channel): what the ledger lets
 *       the channel reserve, enforced by the stock position itself;
 *   <li>{@code ownQuota} = min(the channel's unconsumed quota, reservable): its ring-fenced units;
 *   <li>{@code shared} = reservable - ownQuota: the pool every channel sells from;
 *   <li>the policy applies to the shared pool only: max(0, shared - safety stock - buffer), times the share
 *       percentage, rounded down;
 *   <li>available-to-sell = ownQuota + that; never negative, never above reservable.
 * </ol>
 *
 * Available stock and quotas are hard limits (a reservation beyond them is refused); safety stock, buffer and
 * share are display policy: they shape what a channel offers, not what the ledger lets it reserve.
 */
final class AvailableToSell {

    private AvailableToSell() {}

    /** One position as one channel sees it. */
    record Figures(long availableToSell, long available, long ownQuota, long fencedForOthers, long safetyStock) {}

    /**
     * @param quotas every channel's quota on the position
     * @param reserved what every channel holds reserved on the position
     */
    static Figures of(
            String channel,
            long available,
            Map<String, Long> quotas,
            Map<String, Long> reserved,
            long safetyStock,
            long buffer,
            int sharePercent) {
        long stock = Math.max(0, available);
        long fenced = 0;
        long own = 0;
        for (Map.Entry<String, Long> quota : quotas.entrySet()) {
            long unconsumed = Math.max(0, quota.getValue() - reserved.getOrDefault(quota.getKey(), 0L));
            if (quota.getKey().equals(channel)) {
                own = unconsumed;
            } else {
                fenced += unconsumed;
            }
        }
        long reservable = Math.max(0, stock - fenced);
        long ownQuota = Math.min(own, reservable);
        long shared = reservable - ownQuota;
        long afterPolicy = Math.max(0, shared - safetyStock - buffer);
        long offered = Math.floorDiv(Math.multiplyExact(afterPolicy, (long) sharePercent), 100L);
        return new Figures(ownQuota + offered, available, ownQuota, Math.min(fenced, stock), safetyStock);
    }
}
