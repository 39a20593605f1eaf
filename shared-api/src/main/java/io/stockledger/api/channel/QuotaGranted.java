package io.stockledger.api.channel;

import io.stockledger.api.common.ChannelId;
import io.stockledger.api.common.Origin;
import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Quantity;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** {@code quantity} more units of a position were ring-fenced for a channel; {@code quota} is its quota now. */
@Revision("1")
public record QuotaGranted(
        PositionId positionId,
        ChannelId channel,
        Quantity quantity,
        Quantity quota,
        Origin origin,
        Instant recordedAt) {}
