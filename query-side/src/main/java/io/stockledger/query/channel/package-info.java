/**
 * Channel availability: available-to-sell per SKU per channel, per location and over the channel's locations, with
 * the event position and age it answers from; a change log pushed to subscribers as server-sent events.
 */
package io.stockledger.query.channel;
