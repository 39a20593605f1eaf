package io.stockledger.api.stock;

import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Quantity;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Mark units damaged, from available stock or, when {@code fromQuarantine}, from quarantined stock. */
public record DamageStock(
        @TargetAggregateIdentifier PositionId positionId,
        Quantity quantity,
        boolean fromQuarantine,
        MovementHeader header)
        implements MovementCommand {

    public DamageStock {
        Objects.requireNonNull(positionId, "positionId is required");
        Objects.requireNonNull(header, "header is required");
        Objects.requireNonNull(quantity, "quantity is required").requirePositive("quantity");
    }
}
