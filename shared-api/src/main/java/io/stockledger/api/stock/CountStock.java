package io.stockledger.api.stock;

import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Quantity;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Set on hand to the counted {@code quantity} at the business time of the count. When {@code expectedOnHand} is given, the command is refused unless it equals the current on hand. */
public record CountStock(
        @TargetAggregateIdentifier PositionId positionId,
        Quantity quantity,
        Quantity expectedOnHand,
        MovementHeader header)
        implements MovementCommand {

    public CountStock {
        Objects.requireNonNull(positionId, "positionId is required");
        Objects.requireNonNull(header, "header is required");
        Objects.requireNonNull(quantity, "quantity is required");
        if (quantity.isNegative()) {
            throw new IllegalArgumentException("a counted quantity must not be negative");
        }
    }
}
