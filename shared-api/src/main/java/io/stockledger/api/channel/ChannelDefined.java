package io.stockledger.api.channel;

import io.stockledger.api.common.ChannelId;
import io.stockledger.api.common.Origin;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A channel was defined, or its policy replaced: {@code policy} is the whole policy from now on. */
@Revision("1")
public record ChannelDefined(ChannelId channel, ChannelPolicy policy, Origin origin, Instant recordedAt) {}
