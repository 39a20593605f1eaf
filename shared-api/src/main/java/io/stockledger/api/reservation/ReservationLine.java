package io.stockledger.api.reservation;

import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Quantity;
import java.util.Objects;

/** Units of one position: a line of a reservation, or the part of it that a release or fulfilment concerns. */
public record ReservationLine(PositionId positionId, Quantity quantity) {

    public ReservationLine {
        Objects.requireNonNull(positionId, "positionId is required");
        Objects.requireNonNull(quantity, "quantity is required").requirePositive("quantity of a reservation line");
    }
}
