package io.stockledger.api.stock;

import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Quantity;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Write off damaged units: they leave on hand. */
public record WriteOffStock(@TargetAggregateIdentifier PositionId positionId, Quantity quantity, MovementHeader header)
        implements MovementCommand {

    public WriteOffStock {
        Objects.requireNonNull(positionId, "positionId is required");
        Objects.requireNonNull(header, "header is required");
        Objects.requireNonNull(quantity, "quantity is required").requirePositive("quantity");
    }
}
