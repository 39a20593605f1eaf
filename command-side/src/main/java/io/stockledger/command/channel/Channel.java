package io.stockledger.command.channel;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.stockledger.api.channel.ChannelDefined;
import io.stockledger.api.channel.ChannelPolicy;
import io.stockledger.api.channel.DefineChannel;
import io.stockledger.api.common.ChannelId;
import java.time.Clock;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A sales channel and the policy it sells under. Every change of policy is an event, so the policy in force at
 * any moment is on record and the availability projection can be rebuilt from the log. The policy's own record
 * checks its form; defining the same policy again records nothing.
 */
@Aggregate(cache = "aggregateCache")
class Channel {

    @AggregateIdentifier
    private ChannelId channelId;

    private ChannelPolicy policy;

    Channel() {
        // for Axon: created by its first definition
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    ChannelPolicy handle(DefineChannel command, Clock clock) {
        if (!command.policy().equals(policy)) {
            apply(new ChannelDefined(command.channel(), command.policy(), command.origin(), clock.instant()));
        }
        return policy;
    }

    @EventSourcingHandler
    void on(ChannelDefined event) {
        channelId = event.channel();
        policy = event.policy();
    }
}
