package io.stockledger.query.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stockledger.api.channel.Availability.SkuAvailability;
import io.stockledger.api.channel.ChannelDefined;
import io.stockledger.api.channel.QuotaGranted;
import io.stockledger.api.channel.QuotaReleased;
import io.stockledger.api.common.PositionId;
import io.stockledger.api.stock.BackorderFilled;
import io.stockledger.api.stock.BackorderReleased;
import io.stockledger.api.stock.PositionEvent;
import io.stockledger.api.stock.ReservedStockReleased;
import io.stockledger.api.stock.ReservedStockShipped;
import io.stockledger.api.stock.StockBackordered;
import io.stockledger.api.stock.StockReserved;
import io.stockledger.query.eventlog.EventLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Keeps what every channel may sell: each position's available stock, the quotas on it and what each channel holds
 * reserved there, and the channels' policies. When events change what a channel may sell of a SKU, the new
 * figures are logged as a change (in the same transaction as the rows and the processor's token) for the
 * availability stream; a channel's policy change logs every SKU at its old and new locations whose figure moved.
 *
 * <p>The figures are recomputed once per batch, not once per event: the SKUs an event touches are noted, and just
 * before the batch's transaction commits every channel selling from their locations gets its new figures for all
 * of them in one pass (a hot SKU changed fifty times in a batch is recomputed once). A change row then carries the
 * figures after the batch and the global position of the last event of the batch that touched the SKU.
 */
@Component
@ProcessingGroup(AvailabilityProjection.PROCESSING_GROUP)
class AvailabilityProjection {

    static final String PROCESSING_GROUP = "channel-availability";

    private static final String PENDING = AvailabilityProjection.class.getName() + ".pending";

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
        } else if (event instanceof BackorderFilled filled) {
            rows.reserved(
                    sku,
                    location,
                    filled.reservationId().value(),
                    filled.channel().value(),
                    filled.quantity().units());
            rows.backordered(
                    sku,
                    location,
                    filled.channel().value(),
                    filled.backordered().channel().units());
        } else if (event instanceof StockBackordered backordered) {
            rows.backordered(
                    sku,
                    location,
                    backordered.channel().value(),
                    backordered.backordered().channel().units());
        } else if (event instanceof BackorderReleased released) {
            rows.backordered(
                    sku,
                    location,
                    released.channel().value(),
                    released.backordered().channel().units());
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
        pending().atLocation(location, sku, position, recordedAt);
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
        Pending pending = pending();
        rows.skusAt(locations).forEach(sku -> pending.forChannel(channel, sku, position, recordedAt));
        pending.flushIfImmediate();
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
        pending().atLocation(location, sku, position, recordedAt);
    }

    /**
     * The SKUs touched in this batch, published just before its transaction commits; outside a unit of work (a test
     * handing events one by one, each in a transaction of its own) published by the caller at once.
     */
    private Pending pending() {
        if (!CurrentUnitOfWork.isStarted()) {
            return new Pending(this::publish, true);
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(PENDING, key -> {
            Pending pending = new Pending(this::publish, false);
            unitOfWork.onPrepareCommit(committing -> publish(pending));
            return pending;
        });
    }

    /** Logs a change for every channel and SKU whose figures differ from the ones last published. */
    private void publish(Pending pending) {
        Map<String, Map<String, Touch>> byChannel = new TreeMap<>(pending.byChannel);
        pending.byLocation.forEach((location, skus) -> {
            for (String channel : rows.channelsAt(location)) {
                Map<String, Touch> touched = byChannel.computeIfAbsent(channel, c -> new TreeMap<>());
                skus.forEach((sku, touch) -> touched.merge(sku, touch, Touch::later));
            }
        });
        List<ChannelRows.Publication> publications = new ArrayList<>();
        byChannel.forEach((channel, touched) -> rows.policy(channel).ifPresent(policy -> {
            List<String> skus = new ArrayList<>(touched.keySet());
            for (int from = 0; from < skus.size(); from += 500) {
                List<String> chunk = skus.subList(from, Math.min(skus.size(), from + 500));
                Map<String, String> published = rows.published(channel, chunk);
                for (SkuAvailability item : rows.availability(policy, chunk)) {
                    String figures = write(item);
                    String sku = item.sku().value();
                    if (!figures.equals(published.get(sku))) {
                        Touch touch = touched.get(sku);
                        String payload =
                                write(new AvailabilityChange(channel, item, touch.position(), touch.recordedAt()));
                        publications.add(new ChannelRows.Publication(
                                channel, sku, figures, payload, touch.position(), touch.recordedAt()));
                    }
                }
            }
        }));
        rows.publish(publications);
        pending.byChannel.clear();
        pending.byLocation.clear();
    }

    /** The last event of the batch that touched a SKU. */
    private record Touch(long position, Instant recordedAt) {
        Touch later(Touch other) {
            return other.position > position ? other : this;
        }
    }

    /** What a batch touched: SKUs at locations (for every channel selling there), and SKUs of one channel. */
    private static final class Pending {
        private final Map<String, Map<String, Touch>> byLocation = new HashMap<>();
        private final Map<String, Map<String, Touch>> byChannel = new HashMap<>();
        private final Consumer<Pending> publisher;
        private final boolean immediate;

        Pending(Consumer<Pending> publisher, boolean immediate) {
            this.publisher = publisher;
            this.immediate = immediate;
        }

        void atLocation(String location, String sku, long position, Instant recordedAt) {
            byLocation
                    .computeIfAbsent(location, l -> new HashMap<>())
                    .merge(sku, new Touch(position, recordedAt), Touch::later);
            if (immediate) {
                publisher.accept(this);
            }
        }

        void forChannel(String channel, String sku, long position, Instant recordedAt) {
            byChannel
                    .computeIfAbsent(channel, c -> new HashMap<>())
                    .merge(sku, new Touch(position, recordedAt), Touch::later);
        }

        void flushIfImmediate() {
            if (immediate) {
                publisher.accept(this);
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
