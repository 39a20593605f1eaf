/**
 * Channel availability: the policies under which sales channels sell (locations, safety stock, buffer, share,
 * backorders), the quotas ring-fenced for one channel on a position, and the available-to-sell queries.
 */
package io.stockledger.api.channel;
