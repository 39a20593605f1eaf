package io.stockledger.api.stock;

import io.stockledger.api.common.Quantity;
import java.util.Objects;

/**
 * The quantity buckets of a position, as defined by the brief: on hand includes reserved, quarantined and
 * damaged units; in transit is on hand nowhere. The same record also expresses a change of the buckets.
 */
public record Balance(Quantity onHand, Quantity reserved, Quantity quarantined, Quantity damaged, Quantity inTransit) {

    public static final Balance ZERO =
            new Balance(Quantity.ZERO, Quantity.ZERO, Quantity.ZERO, Quantity.ZERO, Quantity.ZERO);

    public Balance {
        Objects.requireNonNull(onHand, "onHand is required");
        Objects.requireNonNull(reserved, "reserved is required");
        Objects.requireNonNull(quarantined, "quarantined is required");
        Objects.requireNonNull(damaged, "damaged is required");
        Objects.requireNonNull(inTransit, "inTransit is required");
    }

    /** Available to promise: on hand − reserved − quarantined − damaged (negative when reservations are short). */
    public Quantity available() {
        return onHand.minus(reserved).minus(held());
    }

    /** Units on hand that are not sellable: quarantined + damaged. */
    public Quantity held() {
        return quarantined.plus(damaged);
    }

    public Balance plus(Balance change) {
        return new Balance(
                onHand.plus(change.onHand),
                reserved.plus(change.reserved),
                quarantined.plus(change.quarantined),
                damaged.plus(change.damaged),
                inTransit.plus(change.inTransit));
    }

    public Balance withOnHand(Quantity value) {
        return new Balance(value, reserved, quarantined, damaged, inTransit);
    }

    public static Balance onHand(Quantity change) {
        return ZERO.withOnHand(change);
    }

    public static Balance reserved(Quantity change) {
        return new Balance(Quantity.ZERO, change, Quantity.ZERO, Quantity.ZERO, Quantity.ZERO);
    }

    public static Balance quarantined(Quantity change) {
        return new Balance(Quantity.ZERO, Quantity.ZERO, change, Quantity.ZERO, Quantity.ZERO);
    }

    public static Balance damaged(Quantity change) {
        return new Balance(Quantity.ZERO, Quantity.ZERO, Quantity.ZERO, change, Quantity.ZERO);
    }

    public static Balance inTransit(Quantity change) {
        return new Balance(Quantity.ZERO, Quantity.ZERO, Quantity.ZERO, Quantity.ZERO, change);
    }
}
