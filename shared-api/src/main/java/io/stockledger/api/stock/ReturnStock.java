package io.stockledger.api.stock;

import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Quantity;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Take back a customer return, to stock or, when {@code toQuarantine}, to quarantine for inspection. */
public record ReturnStock(
        @TargetAggregateIdentifier PositionId positionId,
        Quantity quantity,
        boolean toQuarantine,
        MovementHeader header)
        implements MovementCommand {

    public ReturnStock {
        Objects.requireNonNull(positionId, "positionId is required");
        Objects.requireNonNull(header, "header is required");
        Objects.requireNonNull(quantity, "quantity is required").requirePositive("quantity");
    }
}
