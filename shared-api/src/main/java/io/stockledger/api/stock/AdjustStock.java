package io.stockledger.api.stock;

import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Quantity;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Change on hand by a signed quantity, with a reason code. When {@code expectedOnHand} is given, the command is refused unless it equals the current on hand. */
public record AdjustStock(
        @TargetAggregateIdentifier PositionId positionId,
        Quantity quantity,
        Quantity expectedOnHand,
        MovementHeader header)
        implements MovementCommand {

    public AdjustStock {
        Objects.requireNonNull(positionId, "positionId is required");
        Objects.requireNonNull(header, "header is required");
        Objects.requireNonNull(quantity, "quantity is required");
        if (quantity.isZero()) {
            throw new IllegalArgumentException("quantity of an adjustment must not be zero");
        }
        header.requireReason("an adjustment");
    }
}
