package io.stockledger.api.channel;

import io.stockledger.api.common.ChannelId;
import io.stockledger.api.common.Origin;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Define a channel, or replace its policy. Answers the channel's policy; a policy equal to the current one
 * records nothing.
 */
public record DefineChannel(@TargetAggregateIdentifier ChannelId channel, ChannelPolicy policy, Origin origin) {

    public DefineChannel {
        Objects.requireNonNull(channel, "channel is required");
        Objects.requireNonNull(policy, "policy is required");
        Objects.requireNonNull(origin, "origin is required");
    }
}
