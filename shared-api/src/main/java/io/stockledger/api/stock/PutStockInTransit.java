package io.stockledger.api.stock;

import io.stockledger.api.common.LocationId;
import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Quantity;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record at the destination that a transfer out (whose movement id is the header's) is on its way. Sent by the ledger itself when it records a transfer out. */
public record PutStockInTransit(
        @TargetAggregateIdentifier PositionId positionId, Quantity quantity, LocationId source, MovementHeader header)
        implements MovementCommand {

    public PutStockInTransit {
        Objects.requireNonNull(positionId, "positionId is required");
        Objects.requireNonNull(header, "header is required");
        Objects.requireNonNull(quantity, "quantity is required").requirePositive("quantity");
        Objects.requireNonNull(source, "source is required");
    }
}
