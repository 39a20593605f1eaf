package io.stockledger.api.channel;

import io.stockledger.api.common.ChannelId;
import io.stockledger.api.common.Origin;
import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Quantity;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** {@code quantity} units of a channel's quota on a position were given back; {@code quota} is what is left. */
@Revision("1")
public record QuotaReleased(
        PositionId positionId,
        ChannelId channel,
        Quantity quantity,
        Quantity quota,
        Origin origin,
        Instant recordedAt) {}
