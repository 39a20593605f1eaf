package io.stockledger.query.reservation;

import io.stockledger.api.common.PositionId;
import io.stockledger.api.reservation.FindReservations;
import io.stockledger.api.reservation.ReservationStatus;
import io.stockledger.api.reservation.ReservationView;
import io.stockledger.api.reservation.ReservationView.Line;
import io.stockledger.api.reservation.ReservationView.Rejection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code reservation}, {@code reservation_line}, {@code reservation_rejection} and
 * {@code reservation_position_shortfall} tables, owned by the reservations projection.
 */
@Repository
class ReservationRows {

    private static final String COLUMNS =
            "reservation_id, status, channel, order_reference, expires_at, placed_at," + " updated_at, event_position";

    /** The equality filters that lead an index followed by the reservation id, most selective first. */
    private static final List<String> PAGING_INDEXES = List.of("order_reference", "channel", "status");

    private final JdbcClient jdbc;

    ReservationRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The sequence number of the reservation's last event applied here; empty for one never placed. */
    OptionalLong lastSequence(String reservationId) {
        return jdbc.sql("SELECT last_sequence FROM reservation WHERE reservation_id = :id")
                .param("id", reservationId)
                .query(Long.class)
                .optional()
                .map(OptionalLong::of)
                .orElse(OptionalLong.empty());
    }

    void insert(ReservationView reservation, long sequence) {
        jdbc.sql(
                        """
                INSERT INTO reservation (reservation_id, status, channel, order_reference, expires_at, placed_at,
                                         updated_at, event_position, last_sequence)
                VALUES (:id, :status, :channel, :orderReference, :expiresAt, :placedAt, :updatedAt, :eventPosition,
                        :sequence)
                """)
                .param("id", reservation.reservationId())
                .param("status", reservation.status().name())
                .param("channel", reservation.channel())
                .param("orderReference", reservation.orderReference())
                .param("expiresAt", utc(reservation.expiresAt()))
                .param("placedAt", utc(reservation.placedAt()))
                .param("updatedAt", utc(reservation.updatedAt()))
                .param("eventPosition", reservation.eventPosition())
                .param("sequence", sequence)
                .update();
        List<Line> lines = reservation.lines();
        for (int number = 0; number < lines.size(); number++) {
            Line line = lines.get(number);
            jdbc.sql(
                            """
                    INSERT INTO reservation_line (reservation_id, line_number, sku, location, requested, reserved,
                                                  fulfilled, released, short_quantity)
                    VALUES (:id, :number, :sku, :location, :requested, :reserved, :fulfilled, :released, :short)
                    """)
                    .param("id", reservation.reservationId())
                    .param("number", number)
                    .param("sku", line.sku())
                    .param("location", line.location())
                    .param("requested", line.requested())
                    .param("reserved", line.reserved())
                    .param("fulfilled", line.fulfilled())
                    .param("released", line.released())
                    .param("short", line.shortQuantity())
                    .update();
        }
        List<Rejection> rejections = reservation.rejections();
        for (int number = 0; number < rejections.size(); number++) {
            Rejection rejection = rejections.get(number);
            jdbc.sql(
                            """
                    INSERT INTO reservation_rejection (reservation_id, rejection_number, sku, location, requested,
                                                       available, reason)
                    VALUES (:id, :number, :sku, :location, :requested, :available, :reason)
                    """)
                    .param("id", reservation.reservationId())
                    .param("number", number)
                    .param("sku", rejection.sku())
                    .param("location", rejection.location())
                    .param("requested", rejection.requested())
                    .param("available", rejection.available())
                    .param("reason", rejection.reason())
                    .update();
        }
    }

    /** Writes what an event can change: the status, the expiry, when and by which event, and the lines' figures. */
    void update(ReservationView reservation, long sequence) {
        jdbc.sql(
                        """
                UPDATE reservation
                   SET status = :status, expires_at = :expiresAt, updated_at = :updatedAt,
                       event_position = :eventPosition, last_sequence = :sequence
                 WHERE reservation_id = :id
                """)
                .param("id", reservation.reservationId())
                .param("status", reservation.status().name())
                .param("expiresAt", utc(reservation.expiresAt()))
                .param("updatedAt", utc(reservation.updatedAt()))
                .param("eventPosition", reservation.eventPosition())
                .param("sequence", sequence)
                .update();
        for (Line line : reservation.lines()) {
            jdbc.sql(
                            """
                    UPDATE reservation_line
                       SET reserved = :reserved, fulfilled = :fulfilled, released = :released, short_quantity = :short
                     WHERE reservation_id = :id AND sku = :sku AND location = :location
                    """)
                    .param("id", reservation.reservationId())
                    .param("sku", line.sku())
                    .param("location", line.location())
                    .param("reserved", line.reserved())
                    .param("fulfilled", line.fulfilled())
                    .param("released", line.released())
                    .param("short", line.shortQuantity())
                    .update();
        }
    }

    /**
     * Records a position's reservation shortfall event as applied, unless it or a later one of the same position
     * was (a redelivery): the position's sequence number decides. True when the event is new.
     */
    boolean isNewShortfall(PositionId position, long shortfall, long sequence) {
        return jdbc.sql(
                                """
                MERGE INTO reservation_position_shortfall s
                USING (VALUES (CAST(:sku AS VARCHAR(64)), CAST(:location AS VARCHAR(64)), CAST(:shortfall AS BIGINT),
                               CAST(:sequence AS BIGINT)))
                   AS e (sku, location, shortfall, sequence)
                ON s.sku = e.sku AND s.location = e.location
                WHEN MATCHED AND e.sequence > s.last_sequence THEN UPDATE SET
                    shortfall = e.shortfall, last_sequence = e.sequence
                WHEN NOT MATCHED THEN INSERT (sku, location, shortfall, last_sequence)
                    VALUES (e.sku, e.location, e.shortfall, e.sequence)
                """)
                        .param("sku", position.sku().value())
                        .param("location", position.location().value())
                        .param("shortfall", shortfall)
                        .param("sequence", sequence)
                        .update()
                > 0;
    }

    /**
     * Sets the short quantity of the position's lines: {@code shortBy} for the reservations named there, zero for
     * every other line that still holds stock there. A reservation whose line changes reflects the event from then on
     * (its event position and update time).
     */
    void setShortQuantities(PositionId position, Map<String, Long> shortBy, long eventPosition, Instant recordedAt) {
        String sql = "SELECT reservation_id, short_quantity FROM reservation_line"
                + " WHERE sku = :sku AND location = :location AND (reserved > 0 OR short_quantity <> 0"
                + (shortBy.isEmpty() ? ")" : " OR reservation_id IN (:named))");
        JdbcClient.StatementSpec select = jdbc.sql(sql)
                .param("sku", position.sku().value())
                .param("location", position.location().value());
        if (!shortBy.isEmpty()) {
            select = select.param("named", shortBy.keySet());
        }
        Map<String, Long> current = new LinkedHashMap<>();
        select.query((row, n) -> Map.entry(row.getString("reservation_id"), row.getLong("short_quantity")))
                .list()
                .forEach(line -> current.put(line.getKey(), line.getValue()));
        current.forEach((reservationId, was) -> {
            long now = shortBy.getOrDefault(reservationId, 0L);
            if (now == was) {
                return;
            }
            jdbc.sql(
                            """
                    UPDATE reservation_line SET short_quantity = :short
                     WHERE reservation_id = :id AND sku = :sku AND location = :location
                    """)
                    .param("short", now)
                    .param("id", reservationId)
                    .param("sku", position.sku().value())
                    .param("location", position.location().value())
                    .update();
            jdbc.sql(
                            """
                    UPDATE reservation
                       SET event_position = GREATEST(event_position, :eventPosition), updated_at = :updatedAt
                     WHERE reservation_id = :id
                    """)
                    .param("eventPosition", eventPosition)
                    .param("updatedAt", utc(recordedAt))
                    .param("id", reservationId)
                    .update();
        });
    }

    Optional<ReservationView> find(String reservationId) {
        return withDetails(
                        jdbc.sql("SELECT " + COLUMNS + " FROM reservation WHERE reservation_id = :id")
                                .param("id", reservationId)
                                .query(ReservationRows::header)
                                .list(),
                        true)
                .stream()
                .findFirst();
    }

    /**
     * Up to {@code limit} reservations matching every given filter of the query, after the reservation id
     * {@code after} (exclusive), in reservation id order.
     */
    List<ReservationView> find(FindReservations query, String after, int limit) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        equal(
                conditions,
                params,
                "order_reference",
                query.orderReference() == null ? null : query.orderReference().value());
        equal(
                conditions,
                params,
                "channel",
                query.channel() == null ? null : query.channel().value());
        equal(
                conditions,
                params,
                "status",
                query.status() == null ? null : query.status().name());
        if (query.expiresFrom() != null) {
            conditions.add("expires_at >= :expiresFrom");
            params.put("expiresFrom", utc(query.expiresFrom()));
        }
        if (query.expiresTo() != null) {
            conditions.add("expires_at < :expiresTo");
            params.put("expiresTo", utc(query.expiresTo()));
        }
        String order = pagingOrder(params.keySet());
        if (after != null) {
            conditions.add("reservation_id > :after");
            params.put("after", after);
        }
        params.put("limit", limit);
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        return withDetails(
                jdbc.sql("SELECT " + COLUMNS + " FROM reservation" + where + " ORDER BY " + order
                                + " FETCH FIRST :limit ROWS ONLY")
                        .params(params)
                        .query(ReservationRows::header)
                        .list(),
                true);
    }

    /**
     * Reservation id order, spelled so that the database reads it straight from the index of the most selective
     * filter: with that filter's value fixed, ordering by it and then the reservation id is reservation id order.
     */
    private static String pagingOrder(Set<String> filtered) {
        return PAGING_INDEXES.stream()
                .filter(filtered::contains)
                .findFirst()
                .map(column -> column + ", reservation_id")
                .orElse("reservation_id");
    }

    /** The reservations with their lines and rejections, read for all of them at once. */
    /**
     * A reservation as the projection applies events to it: each line's {@code reserved} is all it still holds,
     * backordered units included (the {@code reserved} column), {@code backordered} zero.
     */
    Optional<ReservationView> held(String reservationId) {
        return withDetails(
                        jdbc.sql("SELECT " + COLUMNS + " FROM reservation WHERE reservation_id = :id")
                                .param("id", reservationId)
                                .query(ReservationRows::header)
                                .list(),
                        false)
                .stream()
                .findFirst();
    }

    /**
     * A reservation's backordered units on a position, as the position's backorder event with sequence number
     * {@code sequence} says, unless it or a later event of that position was applied already.
     */
    void backordered(String reservationId, PositionId position, long backordered, long sequence) {
        jdbc.sql(
                        """
                MERGE INTO reservation_backorder b
                USING (VALUES (CAST(:id AS VARCHAR(64)), CAST(:sku AS VARCHAR(64)), CAST(:location AS VARCHAR(64)),
                               CAST(:backordered AS BIGINT), CAST(:sequence AS BIGINT)))
                   AS e (reservation_id, sku, location, backordered, sequence)
                ON b.reservation_id = e.reservation_id AND b.sku = e.sku AND b.location = e.location
                WHEN MATCHED AND e.sequence > b.last_sequence THEN UPDATE SET
                    backordered = e.backordered, last_sequence = e.sequence
                WHEN NOT MATCHED THEN INSERT (reservation_id, sku, location, backordered, last_sequence)
                    VALUES (e.reservation_id, e.sku, e.location, e.backordered, e.sequence)
                """)
                .param("id", reservationId)
                .param("sku", position.sku().value())
                .param("location", position.location().value())
                .param("backordered", backordered)
                .param("sequence", sequence)
                .update();
    }

    /**
     * The reservations with their lines and rejections. With {@code splitBackorders}, each line's backordered
     * units (as its position last said) are told apart from what it holds reserved.
     */
    private List<ReservationView> withDetails(List<ReservationView> headers, boolean splitBackorders) {
        if (headers.isEmpty()) {
            return headers;
        }
        List<String> ids = headers.stream().map(ReservationView::reservationId).toList();
        Map<String, List<Line>> lines = new LinkedHashMap<>();
        jdbc.sql(
                        """
                SELECT l.reservation_id, l.sku, l.location, l.requested, l.reserved, l.fulfilled, l.released,
                       l.short_quantity, COALESCE(b.backordered, 0) AS backordered
                  FROM reservation_line l
                  LEFT JOIN reservation_backorder b
                    ON b.reservation_id = l.reservation_id AND b.sku = l.sku AND b.location = l.location
                 WHERE l.reservation_id IN (:ids) ORDER BY l.reservation_id, l.line_number
                """)
                .param("ids", ids)
                .query((row, n) -> {
                    long held = row.getLong("reserved");
                    long backordered = splitBackorders ? Math.min(held, row.getLong("backordered")) : 0;
                    return lines.computeIfAbsent(row.getString("reservation_id"), id -> new ArrayList<>())
                            .add(new Line(
                                    row.getString("sku"),
                                    row.getString("location"),
                                    row.getLong("requested"),
                                    held - backordered,
                                    row.getLong("fulfilled"),
                                    row.getLong("released"),
                                    row.getLong("short_quantity"),
                                    backordered));
                })
                .list();
        Map<String, List<Rejection>> rejections = new LinkedHashMap<>();
        jdbc.sql(
                        """
                SELECT reservation_id, sku, location, requested, available, reason
                  FROM reservation_rejection WHERE reservation_id IN (:ids) ORDER BY reservation_id, rejection_number
                """)
                .param("ids", ids)
                .query((row, n) -> rejections
                        .computeIfAbsent(row.getString("reservation_id"), id -> new ArrayList<>())
                        .add(new Rejection(
                                row.getString("sku"),
                                row.getString("location"),
                                row.getLong("requested"),
                                row.getLong("available"),
                                row.getString("reason"))))
                .list();
        return headers.stream()
                .map(header -> new ReservationView(
                        header.reservationId(),
                        header.status(),
                        header.channel(),
                        header.orderReference(),
                        header.expiresAt(),
                        header.placedAt(),
                        header.updatedAt(),
                        List.copyOf(lines.getOrDefault(header.reservationId(), List.of())),
                        List.copyOf(rejections.getOrDefault(header.reservationId(), List.of())),
                        header.eventPosition()))
                .collect(Collectors.toList());
    }

    private static void equal(List<String> conditions, Map<String, Object> params, String column, String value) {
        if (value != null) {
            conditions.add(column + " = :" + column);
            params.put(column, value);
        }
    }

    /** A reservation's own row, without its lines and rejections yet. */
    private static ReservationView header(ResultSet row, int rowNumber) throws SQLException {
        return new ReservationView(
                row.getString("reservation_id"),
                ReservationStatus.valueOf(row.getString("status")),
                row.getString("channel"),
                row.getString("order_reference"),
                instant(row, "expires_at"),
                instant(row, "placed_at"),
                instant(row, "updated_at"),
                List.of(),
                List.of(),
                row.getLong("event_position"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
