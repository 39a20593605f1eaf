package io.stockledger.api.stock;

import io.stockledger.api.common.LocationId;
import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Quantity;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Send available units to another location; the movement id identifies the transfer. */
public record TransferStockOut(
        @TargetAggregateIdentifier PositionId positionId,
        Quantity quantity,
        LocationId destination,
        MovementHeader header)
        implements MovementCommand {

    public TransferStockOut {
        Objects.requireNonNull(positionId, "positionId is required");
        Objects.requireNonNull(header, "header is required");
        Objects.requireNonNull(quantity, "quantity is required").requirePositive("quantity");
        Objects.requireNonNull(destination, "destination is required");
        if (destination.equals(positionId.location())) {
            throw new IllegalArgumentException("a transfer must go to another location");
        }
    }
}
