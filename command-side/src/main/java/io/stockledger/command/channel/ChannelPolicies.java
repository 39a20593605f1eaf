package io.stockledger.command.channel;

import io.stockledger.api.channel.ChannelDefined;
import io.stockledger.api.channel.ChannelPolicy;
import io.stockledger.api.common.ChannelId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * The policy a channel sells under now, read from its own committed events. Reading, not loading the channel
 * aggregate, takes no lock on it: reservations of one channel do not wait for each other here. What must hold under
 * concurrency (a channel's backorders within its limit) is checked by the stock position under its own lock.
 *
 * <p>A policy is kept with the version of the channel's stream it was read at; a reservation asks the store only for
 * the stream's last sequence number and reads the stream again only when it has moved (a channel redefined, here or
 * on another instance).
 */
@Component
public class ChannelPolicies {

    /** A policy as read at one version of its channel's stream. */
    private record Known(long version, Optional<ChannelPolicy> policy) {}

    private final EventStore events;
    private final Map<ChannelId, Known> known = new ConcurrentHashMap<>();

    ChannelPolicies(EventStore events) {
        this.events = events;
    }

    /** Empty for a channel never defined: it sells under no policy (and has no backorders). */
    public Optional<ChannelPolicy> current(ChannelId channel) {
        long version = events.lastSequenceNumberFor(channel.value()).orElse(-1L);
        Known cached = known.get(channel);
        if (cached != null && cached.version() == version) {
            return cached.policy();
        }
        Known read = read(channel);
        known.put(channel, read);
        return read.policy();
    }

    private Known read(ChannelId channel) {
        ChannelPolicy policy = null;
        long version = -1;
        DomainEventStream stream = events.readEvents(channel.value());
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            version = event.getSequenceNumber();
            if (event.getPayload() instanceof ChannelDefined defined) {
                policy = defined.policy();
            }
        }
        return new Known(version, Optional.ofNullable(policy));
    }
}
