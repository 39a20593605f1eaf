package io.stockledger.query.channel;

import io.stockledger.api.channel.Availability.LocationAvailability;
import io.stockledger.api.channel.Availability.SkuAvailability;
import io.stockledger.api.channel.ChannelPolicy;
import io.stockledger.api.common.LocationId;
import io.stockledger.api.common.Sku;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The tables of the channel availability projection, and the arithmetic over them. */
@Repository
class ChannelRows {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    ChannelRows(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** A channel's policy as the projection holds it; safety stock exceptions keyed by {@code SKU@LOCATION}. */
    record Policy(
            String channel,
            List<String> locations,
            long defaultSafetyStock,
            Map<String, Long> safetyStock,
            long buffer,
            int sharePercent) {

        long safetyStockOf(String sku, String location) {
            return safetyStock.getOrDefault(sku + "@" + location, defaultSafetyStock);
        }
    }

    /** A logged change of a channel's availability of one SKU. */
    record Change(long id, String sku, String payload) {}

    // --- policies ------------------------------------------------------------------------------------------------

    Optional<Policy> policy(String channel) {
        Optional<Map<String, Object>> row = jdbc
                .sql("SELECT default_safety_stock, buffer, share_percent FROM channel_policy WHERE channel = :c")
                .param("c", channel)
                .query()
                .listOfRows()
                .stream()
                .findFirst();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        List<String> locations = locationsOf(channel);
        Map<String, Long> safety = new HashMap<>();
        jdbc.sql("SELECT sku, location, quantity FROM channel_safety_stock WHERE channel = :c")
                .param("c", channel)
                .query((rs, n) -> safety.put(rs.getString(1) + "@" + rs.getString(2), rs.getLong(3)))
                .list();
        return Optional.of(new Policy(
                channel,
                locations,
                ((Number) row.get().get("DEFAULT_SAFETY_STOCK")).longValue(),
                safety,
                ((Number) row.get().get("BUFFER")).longValue(),
                ((Number) row.get().get("SHARE_PERCENT")).intValue()));
    }

    List<String> locationsOf(String channel) {
        return jdbc.sql("SELECT location FROM channel_location WHERE channel = :c ORDER BY location")
                .param("c", channel)
                .query(String.class)
                .list();
    }

    /** Records a channel's policy, unless this event (or a later one of the channel) was applied already. */
    boolean define(String channel, ChannelPolicy policy, Instant recordedAt, long eventPosition) {
        Long applied = jdbc.sql("SELECT event_position FROM channel_policy WHERE channel = :c")
                .param("c", channel)
                .query(Long.class)
                .optional()
                .orElse(null);
        if (applied != null && applied >= eventPosition) {
            return false;
        }
        jdbc.sql(
                        """
                MERGE INTO channel_policy (channel, default_safety_stock, buffer, share_percent, backorders_allowed,
                                           backorder_limit, updated_at, event_position)
                KEY (channel) VALUES (:c, :safety, :buffer, :share, :backorders, :limit, :at, :position)""")
                .param("c", channel)
                .param("safety", policy.defaultSafetyStock().units())
                .param("buffer", policy.buffer().units())
                .param("share", policy.sharePercent())
                .param("backorders", policy.backordersAllowed())
                .param("limit", policy.backorderLimit().units())
                .param("at", OffsetDateTime.ofInstant(recordedAt, ZoneOffset.UTC))
                .param("position", eventPosition)
                .update();
        jdbc.sql("DELETE FROM channel_location WHERE channel = :c")
                .param("c", channel)
                .update();
        for (LocationId location : policy.locations()) {
            jdbc.sql("INSERT INTO channel_location (channel, location) VALUES (:c, :l)")
                    .param("c", channel)
                    .param("l", location.value())
                    .update();
        }
        jdbc.sql("DELETE FROM channel_safety_stock WHERE channel = :c")
                .param("c", channel)
                .update();
        for (ChannelPolicy.SafetyStock safety : policy.safetyStock()) {
            jdbc.sql("INSERT INTO channel_safety_stock (channel, sku, location, quantity) VALUES (:c, :s, :l, :q)")
                    .param("c", channel)
                    .param("s", safety.positionId().sku().value())
                    .param("l", safety.positionId().location().value())
                    .param("q", safety.quantity().units())
                    .update();
        }
        return true;
    }

    /** The channels that sell from a location. */
    List<String> channelsAt(String location) {
        return jdbc.sql("SELECT channel FROM channel_location WHERE location = :l ORDER BY channel")
                .param("l", location)
                .query(String.class)
                .list();
    }

    // --- positions -----------------------------------------------------------------------------------------------

    /**
     * Moves a position to the event at {@code eventPosition}, with its new available stock ({@code null}: as it
     * was), unless that event or a later one of the position was applied already: a position's events are appended
     * one after the other, so their global positions rise.
     */
    boolean advance(String sku, String location, long eventPosition, Long available) {
        Optional<Long> applied = jdbc.sql("SELECT event_position FROM channel_stock WHERE sku = :s AND location = :l")
                .param("s", sku)
                .param("l", location)
                .query(Long.class)
                .optional();
        if (applied.isPresent() && applied.get() >= eventPosition) {
            return false;
        }
        if (applied.isEmpty()) {
            jdbc.sql("INSERT INTO channel_stock (sku, location, available, event_position) VALUES (:s, :l, :a, :p)")
                    .param("s", sku)
                    .param("l", location)
                    .param("a", available == null ? 0 : available)
                    .param("p", eventPosition)
                    .update();
        } else {
            jdbc.sql(
                            """
                    UPDATE channel_stock SET available = COALESCE(:a, available), event_position = :p
                    WHERE sku = :s AND location = :l""")
                    .param("s", sku)
                    .param("l", location)
                    .param("a", available)
                    .param("p", eventPosition)
                    .update();
        }
        return true;
    }

    void reserved(String sku, String location, String reservationId, String channel, long quantity) {
        jdbc.sql(
                        """
                MERGE INTO channel_reserved r
                USING (VALUES (CAST(:s AS VARCHAR(64)), CAST(:l AS VARCHAR(64)), CAST(:r AS VARCHAR(64)),
                               CAST(:c AS VARCHAR(64)), CAST(:q AS BIGINT))) AS e (sku, location, reservation_id, channel, quantity)
                ON r.sku = e.sku AND r.location = e.location AND r.reservation_id = e.reservation_id
                WHEN MATCHED THEN UPDATE SET quantity = r.quantity + e.quantity
                WHEN NOT MATCHED THEN INSERT (sku, location, reservation_id, channel, quantity)
                    VALUES (e.sku, e.location, e.reservation_id, e.channel, e.quantity)""")
                .param("s", sku)
                .param("l", location)
                .param("r", reservationId)
                .param("c", channel)
                .param("q", quantity)
                .update();
        jdbc.sql(
                        """
                MERGE INTO channel_reserved_total t
                USING (VALUES (CAST(:s AS VARCHAR(64)), CAST(:l AS VARCHAR(64)), CAST(:c AS VARCHAR(64)),
                               CAST(:q AS BIGINT))) AS e (sku, location, channel, quantity)
                ON t.sku = e.sku AND t.location = e.location AND t.channel = e.channel
                WHEN MATCHED THEN UPDATE SET quantity = t.quantity + e.quantity
                WHEN NOT MATCHED THEN INSERT (sku, location, channel, quantity)
                    VALUES (e.sku, e.location, e.channel, e.quantity)""")
                .param("s", sku)
                .param("l", location)
                .param("c", channel)
                .param("q", quantity)
                .update();
    }

    /** The units {@code channel}'s reservations have backordered on a position, as its latest backorder event says. */
    void backordered(String sku, String location, String channel, long backordered) {
        jdbc.sql(
                        """
                MERGE INTO channel_backorder (sku, location, channel, backordered) KEY (sku, location, channel)
                VALUES (:s, :l, :c, :b)""")
                .param("s", sku)
                .param("l", location)
                .param("c", channel)
                .param("b", backordered)
                .update();
    }

    void givenBack(String sku, String location, String reservationId, long quantity) {
        // The total loses what the reservation's row loses: never more than it holds (the row goes at zero).
        jdbc.sql(
                        """
                UPDATE channel_reserved_total t
                SET quantity = t.quantity - (SELECT LEAST(:q, r.quantity) FROM channel_reserved r
                                             WHERE r.sku = :s AND r.location = :l AND r.reservation_id = :r)
                WHERE t.sku = :s AND t.location = :l
                  AND t.channel = (SELECT r.channel FROM channel_reserved r
                                   WHERE r.sku = :s AND r.location = :l AND r.reservation_id = :r)""")
                .param("s", sku)
                .param("l", location)
                .param("r", reservationId)
                .param("q", quantity)
                .update();
        jdbc.sql("DELETE FROM channel_reserved_total WHERE sku = :s AND location = :l AND quantity = 0")
                .param("s", sku)
                .param("l", location)
                .update();
        jdbc.sql(
                        """
                UPDATE channel_reserved SET quantity = quantity - :q
                WHERE sku = :s AND location = :l AND reservation_id = :r""")
                .param("s", sku)
                .param("l", location)
                .param("r", reservationId)
                .param("q", quantity)
                .update();
        jdbc.sql(
                        "DELETE FROM channel_reserved WHERE sku = :s AND location = :l AND reservation_id = :r AND quantity <= 0")
                .param("s", sku)
                .param("l", location)
                .param("r", reservationId)
                .update();
    }

    void quota(String sku, String location, String channel, long quota) {
        jdbc.sql("DELETE FROM channel_quota WHERE sku = :s AND location = :l AND channel = :c")
                .param("s", sku)
                .param("l", location)
                .param("c", channel)
                .update();
        if (quota > 0) {
            jdbc.sql("INSERT INTO channel_quota (sku, location, channel, quota) VALUES (:s, :l, :c, :q)")
                    .param("s", sku)
                    .param("l", location)
                    .param("c", channel)
                    .param("q", quota)
                    .update();
        }
    }

    /** Every SKU with a position at one of these locations. */
    List<String> skusAt(Collection<String> locations) {
        if (locations.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT DISTINCT sku FROM channel_stock WHERE location IN (:l) ORDER BY sku")
                .param("l", locations)
                .query(String.class)
                .list();
    }

    /** Up to {@code limit} SKUs with a position at one of these locations, in order, after {@code after}. */
    List<String> assortment(Collection<String> locations, String after, int limit) {
        return jdbc.sql(
                        """
                SELECT DISTINCT sku FROM channel_stock WHERE location IN (:l) AND sku > :after
                ORDER BY sku LIMIT :limit""")
                .param("l", locations)
                .param("after", after == null ? "" : after)
                .param("limit", limit)
                .query(String.class)
                .list();
    }

    // --- available to sell ---------------------------------------------------------------------------------------

    /** The channel's availability of each SKU, in the order asked; a SKU it has no position of offers nothing. */
    List<SkuAvailability> availability(Policy policy, List<String> skus) {
        if (skus.isEmpty()) {
            return List.of();
        }
        Map<String, Long> stock = new HashMap<>();
        jdbc.sql("SELECT sku, location, available FROM channel_stock WHERE sku IN (:s) AND location IN (:l)")
                .param("s", skus)
                .param("l", policy.locations())
                .query((rs, n) -> stock.put(rs.getString(1) + "@" + rs.getString(2), rs.getLong(3)))
                .list();
        Map<String, Map<String, Long>> quotas = new HashMap<>();
        jdbc.sql("SELECT sku, location, channel, quota FROM channel_quota WHERE sku IN (:s) AND location IN (:l)")
                .param("s", skus)
                .param("l", policy.locations())
                .query((rs, n) -> quotas.computeIfAbsent(rs.getString(1) + "@" + rs.getString(2), k -> new HashMap<>())
                        .put(rs.getString(3), rs.getLong(4)))
                .list();
        Map<String, Map<String, Long>> reserved = new HashMap<>();
        jdbc.sql(
                        """
                SELECT sku, location, channel, quantity FROM channel_reserved_total
                WHERE sku IN (:s) AND location IN (:l)""")
                .param("s", skus)
                .param("l", policy.locations())
                .query((rs, n) -> reserved.computeIfAbsent(
                                rs.getString(1) + "@" + rs.getString(2), k -> new HashMap<>())
                        .put(rs.getString(3), rs.getLong(4)))
                .list();
        Map<String, Long> backordered = new HashMap<>();
        jdbc.sql(
                        """
                SELECT sku, location, backordered FROM channel_backorder
                WHERE sku IN (:s) AND location IN (:l) AND channel = :c""")
                .param("s", skus)
                .param("l", policy.locations())
                .param("c", policy.channel())
                .query((rs, n) -> backordered.put(rs.getString(1) + "@" + rs.getString(2), rs.getLong(3)))
                .list();
        List<SkuAvailability> items = new ArrayList<>(skus.size());
        for (String sku : skus) {
            long total = 0;
            long totalBackordered = 0;
            List<LocationAvailability> locations = new ArrayList<>();
            for (String location : policy.locations()) {
                String key = sku + "@" + location;
                Long available = stock.get(key);
                if (available == null) {
                    continue;
                }
                AvailableToSell.Figures figures = AvailableToSell.of(
                        policy.channel(),
                        available,
                        quotas.getOrDefault(key, Map.of()),
                        reserved.getOrDefault(key, Map.of()),
                        policy.safetyStockOf(sku, location),
                        policy.buffer(),
                        policy.sharePercent());
                total += figures.availableToSell();
                long waiting = backordered.getOrDefault(key, 0L);
                totalBackordered += waiting;
                locations.add(new LocationAvailability(
                        LocationId.of(location),
                        figures.availableToSell(),
                        figures.available(),
                        figures.ownQuota(),
                        figures.fencedForOthers(),
                        figures.safetyStock(),
                        waiting));
            }
            items.add(new SkuAvailability(Sku.of(sku), total, totalBackordered, locations));
        }
        return items;
    }

    // --- the change log ------------------------------------------------------------------------------------------

    /** The figures last published for the channel, of those of {@code skus} that have any. */
    Map<String, String> published(String channel, List<String> skus) {
        Map<String, String> published = new HashMap<>();
        jdbc.sql("SELECT sku, payload FROM channel_published WHERE channel = :c AND sku IN (:s)")
                .param("c", channel)
                .param("s", skus)
                .query((rs, n) -> published.put(rs.getString(1), rs.getString(2)))
                .list();
        return published;
    }

    /** A channel's new figures for a SKU, to publish: the last ones published, and a change in the log. */
    record Publication(
            String channel, String sku, String figures, String payload, long eventPosition, Instant recordedAt) {}

    /** Publishes a batch's changes in two JDBC batches; the change log's ids follow the order given. */
    void publish(List<Publication> publications) {
        if (publications.isEmpty()) {
            return;
        }
        template.batchUpdate(
                "MERGE INTO channel_published (channel, sku, payload) KEY (channel, sku) VALUES (?, ?, ?)",
                publications,
                publications.size(),
                (statement, publication) -> {
                    statement.setString(1, publication.channel());
                    statement.setString(2, publication.sku());
                    statement.setString(3, publication.figures());
                });
        template.batchUpdate(
                "INSERT INTO channel_change (channel, sku, event_position, recorded_at, payload) VALUES (?, ?, ?, ?, ?)",
                publications,
                publications.size(),
                (statement, publication) -> {
                    statement.setString(1, publication.channel());
                    statement.setString(2, publication.sku());
                    statement.setLong(3, publication.eventPosition());
                    statement.setObject(4, OffsetDateTime.ofInstant(publication.recordedAt(), ZoneOffset.UTC));
                    statement.setString(5, publication.payload());
                });
    }

    /** The channel's changes after {@code after}, oldest first; only of {@code skus} unless that is empty. */
    List<Change> changesAfter(String channel, List<String> skus, long after, int limit) {
        String skuFilter = skus.isEmpty() ? "" : " AND sku IN (:s)";
        var statement = jdbc.sql("SELECT id, sku, payload FROM channel_change WHERE channel = :c AND id > :after"
                        + skuFilter + " ORDER BY id LIMIT :limit")
                .param("c", channel)
                .param("after", after)
                .param("limit", limit);
        if (!skus.isEmpty()) {
            statement = statement.param("s", skus);
        }
        return statement
                .query((rs, n) -> new Change(rs.getLong(1), rs.getString(2), rs.getString(3)))
                .list();
    }

    /** The id of the channel's latest change; 0 when there is none. */
    long lastChange(String channel) {
        return jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM channel_change WHERE channel = :c")
                .param("c", channel)
                .query(Long.class)
                .single();
    }
}
