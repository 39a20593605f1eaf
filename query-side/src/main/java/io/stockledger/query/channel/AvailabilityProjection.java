package io.stockledger.query.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stockledger.api.channel.Availability.SkuAvailability;
import io.stockledger.api.channel.ChannelDefined;
import io.stockledger.api.channel.QuotaGranted;
import io.stockledger.api.channel.QuotaReleased;
import io.stockledger.api.common.PositionId;
import io.stockledger.api.stock.PositionEvent;
import io.stockledger.api.stock.ReservedStockReleased;
import io.stockledger.api.stock.ReservedStockShipped;
import io.stockledger.api.stock.StockReserved;
import io.stockledger.query.eventlog.EventLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.stereotype.Component;

/**
 * Keeps what every channel may sell: each position's available stock, the quotas on it and what each channel holds
 * reserved there, and the channels' policies. When an event changes what a channel may sell of a SKU, the new
 * figures are logged as a change (in the same transaction as the rows and the processor's token) for the
 * availability stream; a channel's policy change logs every SKU at its old and new locations whose figure moved.
 */
@Component
@ProcessingGroup(AvailabilityProjection.PROCESSING_GROUP)
class AvailabilityProjection {

    static final String PROCESSING_GROUP = "channel-availability";

    private final ChannelRows rows;
    private final ObjectMapper json;

    AvailabilityProjection(ChannelRows rows, ObjectMapper json) {
        this.rows = rows;
        this.json = json;
    }

    @EventHandler
    void on(
            PositionEvent event,
            @Timestamp Instant recordedAt,
            @MetaDataValue(EventLog.GLOBAL_INDEX) String globalIndex,
            TrackingToken token) {
        long position = EventLog.globalIndex(globalIndex, token);
        PositionId id = event.positionId();
        String sku = id.sku().value();
        String location = id.location().value();
        if (!rows.advance(sku, location, position, event.after().available().units())) {
            return;
        }
        if (event instanceof StockReserved reserved) {
            rows.reserved(
                    sku,
                    location,
                    reserved.reservationId().value(),
                    reserved.channel().value(),
                    reserved.quantity().units());
        } else if (event instanceof ReservedStockReleased released) {
            rows.givenBack(
                    sku,
                    location,
                    released.reservationId().value(),
                    released.quantity().units());
        } else if (event instanceof ReservedStockShipped shipped) {
            rows.givenBack(
                    sku,
                    location,
                    shipped.reservationId().value(),
                    shipped.quantity().units());
        }
        publish(rows.channelsAt(location), List.of(sku), position, recordedAt);
    }

    @EventHandler
    void on(
            QuotaGranted event,
            @Timestamp Instant recordedAt,
            @MetaDataValue(EventLog.GLOBAL_INDEX) String globalIndex,
            TrackingToken token) {
        quota(event.positionId(), event.channel().value(), event.quota().units(), globalIndex, token, recordedAt);
    }

    @EventHandler
    void on(
            QuotaReleased event,
            @Timestamp Instant recordedAt,
            @MetaDataValue(EventLog.GLOBAL_INDEX) String globalIndex,
            TrackingToken token) {
        quota(event.positionId(), event.channel().value(), event.quota().units(), globalIndex, token, recordedAt);
    }

    @EventHandler
    void on(
            ChannelDefined event,
            @Timestamp Instant recordedAt,
            @MetaDataValue(EventLog.GLOBAL_INDEX) String globalIndex,
            TrackingToken token) {
        long position = EventLog.globalIndex(globalIndex, token);
        String channel = event.channel().value();
        Set<String> locations = new TreeSet<>(rows.locationsOf(channel));
        if (!rows.define(channel, event.policy(), recordedAt, position)) {
            return;
        }
        locations.addAll(rows.locationsOf(channel));
        publish(List.of(channel), rows.skusAt(locations), position, recordedAt);
    }

    private void quota(
            PositionId id, String channel, long quota, String globalIndex, TrackingToken token, Instant recordedAt) {
        long position = EventLog.globalIndex(globalIndex, token);
        String sku = id.sku().value();
        String location = id.location().value();
        if (!rows.advance(sku, location, position, null)) {
            return;
        }
        rows.quota(sku, location, channel, quota);
        publish(rows.channelsAt(location), List.of(sku), position, recordedAt);
    }

    /** Logs a change for every channel and SKU whose figures differ from the ones last published. */
    private void publish(List<String> channels, List<String> skus, long position, Instant recordedAt) {
        for (String channel : channels) {
            ChannelRows.Policy policy = rows.policy(channel).orElse(null);
            if (policy == null) {
                continue;
            }
            for (int from = 0; from < skus.size(); from += 500) {
                List<String> chunk = skus.subList(from, Math.min(skus.size(), from + 500));
                for (SkuAvailability item : rows.availability(policy, new ArrayList<>(chunk))) {
                    String figures = write(item);
                    String sku = item.sku().value();
                    if (!rows.published(channel, sku).map(figures::equals).orElse(false)) {
                        String payload = write(new AvailabilityChange(channel, item, position, recordedAt));
                        rows.publish(channel, sku, figures, payload, position, recordedAt);
                    }
                }
            }
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value, e);
        }
    }
}
