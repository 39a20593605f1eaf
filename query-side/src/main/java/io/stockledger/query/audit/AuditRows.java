package io.stockledger.query.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stockledger.api.audit.AuditEntry;
import io.stockledger.api.audit.AuditFilter;
import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Quantity;
import io.stockledger.api.stock.Balance;
import io.stockledger.query.audit.AuditRow.Provenance;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code audit_entry} and {@code audit_daily_change} tables, owned by the audit projection. */
@Repository
class AuditRows {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, String>> ATTRIBUTES = new TypeReference<>() {};

    private static final String COLUMNS = "global_position, event_id, event_type, movement_id, movement_type, sku,"
            + " location, quantity, occurred_at, recorded_at, source_system, reference_type, reference_number,"
            + " reason_code, principal, correlation_id, before_on_hand, before_reserved, before_quarantined,"
            + " before_damaged, before_in_transit, after_on_hand, after_reserved, after_quarantined, after_damaged,"
            + " after_in_transit, attributes";

    /**
     * The equality filters that lead an index followed by the global position, most selective first. Any other filter
     * (location, principal, movement type, reference type, a time range) is read in global order from the cursor.
     */
    private static final List<List<String>> PAGING_INDEXES = List.of(
            List.of("correlation_id"),
            List.of("movement_id"),
            List.of("reference_number"),
            List.of("sku", "location"),
            List.of("sku"));

    /** Rows an export reads from the database at a time. */
    private static final int EXPORT_FETCH_SIZE = 1_000;

    private final JdbcClient jdbc;
    private final JdbcTemplate connections;

    AuditRows(JdbcClient jdbc, JdbcTemplate connections) {
        this.jdbc = jdbc;
        this.connections = connections;
    }

    /** The position's latest entry: its sequence number and the buckets after it. */
    Optional<Latest> latest(PositionId position) {
        return jdbc.sql(
                        """
                SELECT sequence_number, after_on_hand, after_reserved, after_quarantined, after_damaged,
                       after_in_transit
                  FROM audit_entry
                 WHERE sku = :sku AND location = :location
                 ORDER BY sku, location, sequence_number DESC
                 FETCH FIRST 1 ROW ONLY
                """)
                .param("sku", position.sku().value())
                .param("location", position.location().value())
                .query((row, n) -> new Latest(row.getLong("sequence_number"), balance(row, "after_")))
                .optional();
    }

    /** The position's latest entry up to and including {@code sequence}: its sequence number and buckets after it. */
    Optional<Latest> latestUpTo(PositionId position, long sequence) {
        return jdbc.sql(
                        """
                SELECT sequence_number, after_on_hand, after_reserved, after_quarantined, after_damaged,
                       after_in_transit
                  FROM audit_entry
                 WHERE sku = :sku AND location = :location AND sequence_number <= :sequence
                 ORDER BY sku, location, sequence_number DESC
                 FETCH FIRST 1 ROW ONLY
                """)
                .param("sku", position.sku().value())
                .param("location", position.location().value())
                .param("sequence", sequence)
                .query((row, n) -> new Latest(row.getLong("sequence_number"), balance(row, "after_")))
                .optional();
    }

    /** A position's entry: its sequence number and the buckets after it. */
    record Latest(long sequence, Balance after) {}

    /** A movement already recorded on the position: its type, business time and provenance. */
    Optional<RecordedMovement> movement(PositionId position, String movementId) {
        return jdbc.sql(
                        """
                SELECT movement_type, occurred_at, source_system, reference_type, reference_number, principal,
                       correlation_id
                  FROM audit_entry
                 WHERE sku = :sku AND location = :location AND movement_id = :movementId AND is_movement = TRUE
                 FETCH FIRST 1 ROW ONLY
                """)
                .param("sku", position.sku().value())
                .param("location", position.location().value())
                .param("movementId", movementId)
                .query((row, n) -> new RecordedMovement(
                        row.getString("movement_type"),
                        instant(row, "occurred_at"),
                        new Provenance(
                                row.getString("source_system"),
                                row.getString("reference_type"),
                                row.getString("reference_number"),
                                row.getString("principal"),
                                row.getString("correlation_id"))))
                .optional();
    }

    record RecordedMovement(String movementType, Instant occurredAt, Provenance provenance) {}

    /** Writes the entries in one JDBC batch. */
    void insert(List<AuditRow> rows) {
        connections.batchUpdate(INSERT, rows, rows.size(), (statement, row) -> {
            int i = 0;
            statement.setLong(++i, row.globalPosition());
            statement.setString(++i, row.eventId());
            statement.setString(++i, row.eventType());
            statement.setLong(++i, row.sequence());
            statement.setBoolean(++i, row.movement());
            statement.setString(++i, row.movementId());
            statement.setString(++i, row.movementType());
            statement.setString(++i, row.position().sku().value());
            statement.setString(++i, row.position().location().value());
            statement.setLong(++i, row.quantity());
            statement.setObject(++i, utc(row.occurredAt()));
            statement.setObject(++i, utc(row.recordedAt()));
            statement.setString(++i, row.provenance().sourceSystem());
            statement.setString(++i, row.provenance().referenceType());
            statement.setString(++i, row.provenance().referenceNumber());
            statement.setString(++i, row.reasonCode());
            statement.setString(++i, row.provenance().principal());
            statement.setString(++i, row.provenance().correlationId());
            i = setBalance(statement, i, row.before());
            i = setBalance(statement, i, row.after());
            i = setBalance(statement, i, row.change());
            statement.setString(++i, json(row.attributes()));
        });
    }

    private static final String INSERT =
            """
            INSERT INTO audit_entry (global_position, event_id, event_type, sequence_number, is_movement, movement_id,
                                     movement_type, sku, location, quantity, occurred_at, recorded_at, source_system,
                                     reference_type, reference_number, reason_code, principal, correlation_id,
                                     before_on_hand, before_reserved, before_quarantined, before_damaged,
                                     before_in_transit, after_on_hand, after_reserved, after_quarantined,
                                     after_damaged, after_in_transit, change_on_hand, change_reserved,
                                     change_quarantined, change_damaged, change_in_transit, attributes)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;

    private static int setBalance(PreparedStatement statement, int index, Balance balance) throws SQLException {
        statement.setLong(index + 1, balance.onHand().units());
        statement.setLong(index + 2, balance.reserved().units());
        statement.setLong(index + 3, balance.quarantined().units());
        statement.setLong(index + 4, balance.damaged().units());
        statement.setLong(index + 5, balance.inTransit().units());
        return index + 5;
    }

    /** Adds movements' changes to their positions' totals per business day, in one JDBC batch. */
    void addToDailyChanges(Map<AuditBatch.Day, Balance> changes) {
        List<Map.Entry<AuditBatch.Day, Balance>> entries = new ArrayList<>(changes.entrySet());
        connections.batchUpdate(
                """
                MERGE INTO audit_daily_change d
                USING (VALUES (CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(64)), CAST(? AS DATE), CAST(? AS BIGINT),
                               CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS BIGINT)))
                   AS c (sku, location, business_day, on_hand, reserved, quarantined, damaged, in_transit)
                ON d.sku = c.sku AND d.location = c.location AND d.business_day = c.business_day
                WHEN MATCHED THEN UPDATE SET
                    on_hand = d.on_hand + c.on_hand, reserved = d.reserved + c.reserved,
                    quarantined = d.quarantined + c.quarantined, damaged = d.damaged + c.damaged,
                    in_transit = d.in_transit + c.in_transit
                WHEN NOT MATCHED THEN INSERT
                    (sku, location, business_day, on_hand, reserved, quarantined, damaged, in_transit)
                    VALUES (c.sku, c.location, c.business_day, c.on_hand, c.reserved, c.quarantined, c.damaged,
                            c.in_transit)
                """,
                entries,
                entries.size(),
                (statement, entry) -> {
                    statement.setString(1, entry.getKey().position().sku().value());
                    statement.setString(2, entry.getKey().position().location().value());
                    statement.setObject(3, entry.getKey().day());
                    setBalance(statement, 3, entry.getValue());
                });
    }

    /** Up to {@code limit} entries matching every given field of the filter, after a global position, in order. */
    List<AuditEntry> find(AuditFilter filter, Long afterPosition, int limit) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(filter, afterPosition, params);
        params.put("limit", limit);
        return jdbc.sql("SELECT " + COLUMNS + " FROM audit_entry" + where + " ORDER BY " + pagingOrder(params.keySet())
                        + " FETCH FIRST :limit ROWS ONLY")
                .params(params)
                .query(AuditRows::entry)
                .list();
    }

    /**
     * Every entry matching the filter, in global order, handed to {@code consumer} one at a time as the database
     * reads them: H2's lazy query execution keeps no result set in memory, so an export of any size runs in constant
     * memory.
     */
    void export(AuditFilter filter, Consumer<AuditEntry> consumer) {
        Map<String, Object> params = new LinkedHashMap<>();
        ParsedSql sql = NamedParameterUtils.parseSqlStatement("SELECT " + COLUMNS + " FROM audit_entry"
                + where(filter, null, params) + " ORDER BY " + pagingOrder(params.keySet()));
        MapSqlParameterSource values = new MapSqlParameterSource(params);
        connections.execute((ConnectionCallback<Void>) connection -> {
            lazyQueryExecution(connection, true);
            try (PreparedStatement statement =
                    connection.prepareStatement(NamedParameterUtils.substituteNamedParameters(sql, values))) {
                statement.setFetchSize(EXPORT_FETCH_SIZE);
                Object[] arguments = NamedParameterUtils.buildValueArray(sql, values, null);
                for (int i = 0; i < arguments.length; i++) {
                    statement.setObject(i + 1, arguments[i]);
                }
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        consumer.accept(entry(rows, rows.getRow()));
                    }
                }
            } finally {
                lazyQueryExecution(connection, false);
            }
            return null;
        });
    }

    private static void lazyQueryExecution(Connection connection, boolean lazy) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LAZY_QUERY_EXECUTION " + lazy);
        }
    }

    private static String where(AuditFilter filter, Long afterPosition, Map<String, Object> params) {
        List<String> conditions = new ArrayList<>();
        equal(conditions, params, "sku", filter.sku());
        equal(conditions, params, "location", filter.location());
        equal(conditions, params, "movement_type", filter.movementType());
        equal(conditions, params, "movement_id", filter.movementId());
        equal(conditions, params, "reference_type", filter.referenceType());
        equal(conditions, params, "reference_number", filter.referenceNumber());
        equal(conditions, params, "principal", filter.principal());
        equal(conditions, params, "correlation_id", filter.correlationId());
        bound(conditions, params, "occurred_at", ">=", "occurredFrom", filter.occurredFrom());
        bound(conditions, params, "occurred_at", "<", "occurredTo", filter.occurredTo());
        bound(conditions, params, "recorded_at", ">=", "recordedFrom", filter.recordedFrom());
        bound(conditions, params, "recorded_at", "<", "recordedTo", filter.recordedTo());
        if (afterPosition != null) {
            conditions.add("global_position > :afterPosition");
            params.put("afterPosition", afterPosition);
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    /**
     * Global order, spelled so that the database reads it straight from the index of the most selective filter:
     * with that filter's value fixed, ordering by it and then the global position is the global order.
     */
    private static String pagingOrder(Set<String> filtered) {
        return PAGING_INDEXES.stream()
                .filter(filtered::containsAll)
                .findFirst()
                .map(columns -> String.join(", ", columns) + ", global_position")
                .orElse("global_position");
    }

    List<AuditEntry> trace(String correlationId) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM audit_entry WHERE correlation_id = :correlationId ORDER BY global_position")
                .param("correlationId", correlationId)
                .query(AuditRows::entry)
                .list();
    }

    private static void equal(List<String> conditions, Map<String, Object> params, String column, String value) {
        if (value != null) {
            conditions.add(column + " = :" + column);
            params.put(column, value);
        }
    }

    private static void bound(
            List<String> conditions,
            Map<String, Object> params,
            String column,
            String operator,
            String name,
            Instant value) {
        if (value != null) {
            conditions.add(column + " " + operator + " :" + name);
            params.put(name, utc(value));
        }
    }

    private static AuditEntry entry(ResultSet row, int rowNumber) throws SQLException {
        return new AuditEntry(
                row.getLong("global_position"),
                row.getString("event_id"),
                row.getString("event_type"),
                row.getString("movement_id"),
                row.getString("movement_type"),
                row.getString("sku"),
                row.getString("location"),
                row.getLong("quantity"),
                instant(row, "occurred_at"),
                instant(row, "recorded_at"),
                row.getString("source_system"),
                row.getString("reference_type"),
                row.getString("reference_number"),
                row.getString("reason_code"),
                row.getString("principal"),
                row.getString("correlation_id"),
                balance(row, "before_"),
                balance(row, "after_"),
                attributes(row.getString("attributes")));
    }

    static Balance balance(ResultSet row, String prefix) throws SQLException {
        return new Balance(
                Quantity.of(row.getLong(prefix + "on_hand")),
                Quantity.of(row.getLong(prefix + "reserved")),
                Quantity.of(row.getLong(prefix + "quarantined")),
                Quantity.of(row.getLong(prefix + "damaged")),
                Quantity.of(row.getLong(prefix + "in_transit")));
    }

    private static String json(Map<String, String> attributes) {
        try {
            return JSON.writeValueAsString(attributes);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("attributes are plain strings", e);
        }
    }

    private static Map<String, String> attributes(String json) {
        try {
            return JSON.readValue(json, ATTRIBUTES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable audit attributes: " + json, e);
        }
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }
}
