package io.stockledger.api.stock;

import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Quantity;
import java.math.BigDecimal;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record units arriving at a location, optionally with their unit cost. */
public record ReceiveStock(
        @TargetAggregateIdentifier PositionId positionId, Quantity quantity, BigDecimal unitCost, MovementHeader header)
        implements MovementCommand {

    public ReceiveStock {
        Objects.requireNonNull(positionId, "positionId is required");
        Objects.requireNonNull(header, "header is required");
        Objects.requireNonNull(quantity, "quantity is required").requirePositive("quantity");
        if (unitCost != null && unitCost.signum() < 0) {
            throw new IllegalArgumentException("unitCost must not be negative");
        }
    }
}
