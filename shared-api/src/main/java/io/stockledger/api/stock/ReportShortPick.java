package io.stockledger.api.stock;

import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Quantity;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Report units the warehouse could not find when picking: on hand goes down, possibly below reserved, never below zero. */
public record ReportShortPick(
        @TargetAggregateIdentifier PositionId positionId, Quantity quantity, MovementHeader header)
        implements MovementCommand {

    public ReportShortPick {
        Objects.requireNonNull(positionId, "positionId is required");
        Objects.requireNonNull(header, "header is required");
        Objects.requireNonNull(quantity, "quantity is required").requirePositive("quantity");
    }
}
