package io.stockledger.api.channel;

import io.stockledger.api.common.ChannelId;
import io.stockledger.api.common.Origin;
import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Quantity;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Ring-fence {@code quantity} more units of a position for one channel: other channels cannot reserve them. The
 * channel's own reservations on the position consume its quota first. Answers the channel's quota there.
 */
public record GrantQuota(
        @TargetAggregateIdentifier PositionId positionId, ChannelId channel, Quantity quantity, Origin origin) {

    public GrantQuota {
        Objects.requireNonNull(positionId, "positionId is required");
        Objects.requireNonNull(channel, "channel is required");
        Objects.requireNonNull(quantity, "quantity is required").requirePositive("quantity");
        Objects.requireNonNull(origin, "origin is required");
    }
}
