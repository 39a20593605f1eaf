package io.stockledger.api.channel;

import io.stockledger.api.common.ChannelId;
import io.stockledger.api.common.Origin;
import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Quantity;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Give back {@code quantity} units of a channel's quota on a position to every channel. Answers what is left. */
public record ReleaseQuota(
        @TargetAggregateIdentifier PositionId positionId, ChannelId channel, Quantity quantity, Origin origin) {

    public ReleaseQuota {
        Objects.requireNonNull(positionId, "positionId is required");
        Objects.requireNonNull(channel, "channel is required");
        Objects.requireNonNull(quantity, "quantity is required").requirePositive("quantity");
        Objects.requireNonNull(origin, "origin is required");
    }
}
