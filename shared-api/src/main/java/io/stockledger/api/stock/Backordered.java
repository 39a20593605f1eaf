package io.stockledger.api.stock;

import io.stockledger.api.common.Quantity;
import java.util.Objects;

/**
 * The backordered units on one position after a backorder event: of the reservation the event is about, of that
 * reservation's channel (what the channel's backorder limit is checked against), and of the whole position. A
 * backorder is the part of a reservation line beyond available stock, taken under a channel policy that allows it;
 * it is in no stock bucket: on hand, reserved and available do not count it.
 */
public record Backordered(Quantity reservation, Quantity channel, Quantity position) {

    public Backordered {
        Objects.requireNonNull(reservation, "reservation is required");
        Objects.requireNonNull(channel, "channel is required");
        Objects.requireNonNull(position, "position is required");
    }
}
