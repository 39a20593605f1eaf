package io.stockledger.query.stock;

import io.stockledger.api.common.LocationId;
import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Sku;
import io.stockledger.api.stock.Balance;
import io.stockledger.api.stock.PositionView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code stock_position} table, owned by the positions projection. */
@Repository
class PositionRows {

    private static final String COLUMNS = "sku, location, on_hand, reserved, quarantined, damaged, in_transit,"
            + " available, last_occurred_at, last_recorded_at, event_position, shortfall, backordered";

    private final JdbcClient jdbc;

    PositionRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes the buckets after an event, unless the row already reflects that event or a later one of the same
     * position (a redelivery): the aggregate's sequence number decides. The last business time is the latest one
     * seen, so a backdated movement does not make the position look older; an event without a business time of its
     * own ({@code occurredAt} null) leaves it as it is. The reservation shortfall changes only with an event that
     * states it; every other event ({@code shortfall} null) leaves it as it is.
     */
    void apply(
            PositionId position,
            Balance after,
            Long shortfall,
            Long backordered,
            Instant occurredAt,
            Instant recordedAt,
            long eventPosition,
            long sequence) {
        jdbc.sql(
                        """
                MERGE INTO stock_position p
                USING (VALUES (CAST(:sku AS VARCHAR(64)), CAST(:location AS VARCHAR(64)),
                               CAST(:onHand AS BIGINT), CAST(:reserved AS BIGINT), CAST(:quarantined AS BIGINT),
                               CAST(:damaged AS BIGINT), CAST(:inTransit AS BIGINT), CAST(:available AS BIGINT),
                               CAST(:shortfall AS BIGINT), CAST(:backordered AS BIGINT),
                               CAST(:occurredAt AS TIMESTAMP(9) WITH TIME ZONE),
                               CAST(:recordedAt AS TIMESTAMP(9) WITH TIME ZONE),
                               CAST(:eventPosition AS BIGINT), CAST(:sequence AS BIGINT)))
                   AS e (sku, location, on_hand, reserved, quarantined, damaged, in_transit, available, shortfall,
                         backordered, occurred_at, recorded_at, event_position, sequence)
                ON p.sku = e.sku AND p.location = e.location
                WHEN MATCHED AND e.sequence > p.last_sequence THEN UPDATE SET
                    on_hand = e.on_hand, reserved = e.reserved, quarantined = e.quarantined, damaged = e.damaged,
                    in_transit = e.in_transit, available = e.available,
                    shortfall = COALESCE(e.shortfall, p.shortfall),
                    backordered = COALESCE(e.backordered, p.backordered),
                    last_occurred_at = GREATEST(p.last_occurred_at, COALESCE(e.occurred_at, p.last_occurred_at)),
                    last_recorded_at = e.recorded_at, event_position = e.event_position, last_sequence = e.sequence
                WHEN NOT MATCHED THEN INSERT
                    (sku, location, on_hand, reserved, quarantined, damaged, in_transit, available, shortfall,
                     backordered, last_occurred_at, last_recorded_at, event_position, last_sequence)
                    VALUES (e.sku, e.location, e.on_hand, e.reserved, e.quarantined, e.damaged, e.in_transit,
                            e.available, COALESCE(e.shortfall, 0), COALESCE(e.backordered, 0), COALESCE(e.occurred_at, e.recorded_at),
                            e.recorded_at, e.event_position, e.sequence)
                """)
                .param("sku", position.sku().value())
                .param("location", position.location().value())
                .param("onHand", after.onHand().units())
                .param("reserved", after.reserved().units())
                .param("quarantined", after.quarantined().units())
                .param("damaged", after.damaged().units())
                .param("inTransit", after.inTransit().units())
                .param("available", after.available().units())
                .param("shortfall", shortfall)
                .param("backordered", backordered)
                .param("occurredAt", occurredAt == null ? null : utc(occurredAt))
                .param("recordedAt", utc(recordedAt))
                .param("eventPosition", eventPosition)
                .param("sequence", sequence)
                .update();
    }

    Optional<PositionView> find(PositionId position) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM stock_position WHERE sku = :sku AND location = :location")
                .param("sku", position.sku().value())
                .param("location", position.location().value())
                .query(PositionRows::view)
                .optional();
    }

    /** Up to {@code limit} positions after {@code after} (exclusive) in (sku, location) order; filters optional. */
    List<PositionView> find(Sku sku, LocationId location, PositionId after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM stock_position WHERE 1 = 1");
        if (sku != null) {
            sql.append(" AND sku = :sku");
        }
        if (location != null) {
            sql.append(" AND location = :location");
        }
        if (after != null) {
            // The first condition lets the database start reading at the cursor; the second excludes the cursor.
            sql.append(" AND sku >= :afterSku AND (sku > :afterSku OR location > :afterLocation)");
        }
        // With the location fixed, its index is already in SKU order.
        sql.append(sku == null && location != null ? " ORDER BY location, sku" : " ORDER BY sku, location");
        sql.append(" FETCH FIRST :limit ROWS ONLY");
        JdbcClient.StatementSpec statement = jdbc.sql(sql.toString()).param("limit", limit);
        if (sku != null) {
            statement = statement.param("sku", sku.value());
        }
        if (location != null) {
            statement = statement.param("location", location.value());
        }
        if (after != null) {
            statement = statement
                    .param("afterSku", after.sku().value())
                    .param("afterLocation", after.location().value());
        }
        return statement.query(PositionRows::view).list();
    }

    private static PositionView view(ResultSet row, int rowNumber) throws SQLException {
        return new PositionView(
                Sku.of(row.getString("sku")),
                LocationId.of(row.getString("location")),
                row.getLong("on_hand"),
                row.getLong("reserved"),
                row.getLong("quarantined"),
                row.getLong("damaged"),
                row.getLong("in_transit"),
                row.getLong("available"),
                instant(row, "last_occurred_at"),
                instant(row, "last_recorded_at"),
                row.getLong("event_position"),
                row.getLong("shortfall"),
                row.getLong("backordered"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }
}
