package io.stockledger.command.channel;

import io.stockledger.api.channel.ChannelDefined;
import io.stockledger.api.channel.ChannelPolicy;
import io.stockledger.api.common.ChannelId;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * The policy a channel sells under now, read from its own committed events. Reading, not loading the channel
 * aggregate, takes no lock on it: reservations of one channel do not wait for each other here. What must hold under
 * concurrency (a channel's backorders within its limit) is checked by the stock position under its own lock.
 */
@Component
public class ChannelPolicies {

    private final EventStore events;

    ChannelPolicies(EventStore events) {
        this.events = events;
    }

    /** Empty for a channel never defined: it sells under no policy (and has no backorders). */
    public Optional<ChannelPolicy> current(ChannelId channel) {
        ChannelPolicy policy = null;
        DomainEventStream stream = events.readEvents(channel.value());
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            if (event.getPayload() instanceof ChannelDefined defined) {
                policy = defined.policy();
            }
        }
        return Optional.ofNullable(policy);
    }
}
