package io.stockledger.api.stock;

import io.stockledger.api.common.MovementId;
import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Quantity;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Receive units of a transfer that is in transit to this position; never more than were dispatched. */
public record TransferStockIn(
        @TargetAggregateIdentifier PositionId positionId,
        Quantity quantity,
        MovementId transferId,
        MovementHeader header)
        implements MovementCommand {

    public TransferStockIn {
        Objects.requireNonNull(positionId, "positionId is required");
        Objects.requireNonNull(header, "header is required");
        Objects.requireNonNull(quantity, "quantity is required").requirePositive("quantity");
        Objects.requireNonNull(transferId, "transferId is required");
    }
}
