package io.stockledger.query.finance;

import io.stockledger.api.finance.LateBooking;
import io.stockledger.api.finance.PeriodBalance;
import io.stockledger.api.finance.QuantityFigures;
import io.stockledger.api.finance.ReasonFigures;
import io.stockledger.api.finance.RollForwardViolation;
import io.stockledger.api.finance.ValueFigures;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The finance projection's tables: {@code finance_movement}, {@code finance_period(_reason)}, {@code finance_period_close}. */
@Repository
class FinanceRows {

    private static final String MOVEMENT_COLUMNS = "sku, location, global_index, movement_id, category, reason,"
            + " occurred_at, booked_at, period, late, quantity, unit_cost, amount, quantity_after, value_after,"
            + " average_cost, transfer_id";

    private static final String FIGURES = "opening_quantity, receipts_quantity, shipments_quantity,"
            + " transfers_in_quantity, transfers_out_quantity, returns_quantity, adjustments_quantity,"
            + " write_offs_quantity, closing_quantity, opening_value, receipts_value, shipments_value,"
            + " transfers_in_value, transfers_out_value, returns_value, adjustments_value, write_offs_value,"
            + " closing_value";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final int scale;

    FinanceRows(JdbcClient jdbc, JdbcTemplate template, FinanceProperties properties) {
        this.jdbc = jdbc;
        this.template = template;
        this.scale = properties.scale();
    }

    /** An amount as stored (6 decimals) at the currency's scale; exact, amounts are rounded to it when booked. */
    private BigDecimal money(ResultSet row, String column) throws SQLException {
        return row.getBigDecimal(column).setScale(scale, RoundingMode.HALF_EVEN);
    }

    // --- period closes

    Optional<YearMonth> closedThrough() {
        return jdbc.sql("SELECT MAX(period) FROM finance_period_close")
                .query(String.class)
                .optional()
                .map(YearMonth::parse);
    }

    boolean isClosed(YearMonth period) {
        return closedThrough().map(through -> !period.isAfter(through)).orElse(false);
    }

    void close(YearMonth period, String closedBy, Instant closedAt) {
        jdbc.sql(
                        """
                MERGE INTO finance_period_close (period, closed_by, closed_at) KEY (period)
                VALUES (:period, :closedBy, :closedAt)""")
                .param("period", period.toString())
                .param("closedBy", closedBy)
                .param("closedAt", utc(closedAt))
                .update();
    }

    // --- movements

    boolean contains(String sku, String location, long globalIndex) {
        return jdbc.sql("SELECT COUNT(*) FROM finance_movement WHERE sku = ? AND location = ? AND global_index = ?")
                        .params(sku, location, globalIndex)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /**
     * The position's state after its last movement booked at or before {@code at}.
     *
     * <p>The order names every column of the timeline index, all descending: only then does H2 read that index
     * backwards and stop at the first row. Ordered by the booking time alone (the same order, since the position is
     * fixed), it read every earlier movement of the position and sorted them, for every event: a replay slowed down
     * as the history grew.
     */
    CostState stateAt(String sku, String location, Instant at) {
        return jdbc.sql(
                        """
                SELECT quantity_after, value_after, average_cost FROM finance_movement
                WHERE sku = ? AND location = ? AND booked_at <= ?
                ORDER BY sku DESC, location DESC, booked_at DESC, global_index DESC FETCH FIRST 1 ROW ONLY""")
                .params(sku, location, utc(at))
                .query(FinanceRows::costState)
                .optional()
                .orElse(CostState.ZERO);
    }

    /** The position's state after a movement row. */
    private static CostState costState(ResultSet row, int rowNumber) throws SQLException {
        return new CostState(
                row.getLong("quantity_after"), row.getBigDecimal("value_after"), row.getBigDecimal("average_cost"));
    }

    /** The position's movements booked after {@code at}, in booking order. */
    List<FinanceMovement> bookedAfter(String sku, String location, Instant at) {
        return jdbc.sql("SELECT " + MOVEMENT_COLUMNS
                        + " FROM finance_movement WHERE sku = ? AND location = ? AND booked_at > ?"
                        + " ORDER BY booked_at, global_index")
                .params(sku, location, utc(at))
                .query(FinanceRows::movement)
                .list();
    }

    /**
     * The position's state just before a movement: after the last one booked before {@code at}, or at {@code at} and
     * recorded before it (read backwards along the timeline index, as in {@link #stateAt}).
     */
    CostState stateBefore(String sku, String location, Instant at, long globalIndex) {
        return jdbc.sql(
                        """
                SELECT quantity_after, value_after, average_cost FROM finance_movement
                WHERE sku = ? AND location = ? AND (booked_at < ? OR (booked_at = ? AND global_index < ?))
                ORDER BY sku DESC, location DESC, booked_at DESC, global_index DESC FETCH FIRST 1 ROW ONLY""")
                .params(sku, location, utc(at), utc(at), globalIndex)
                .query(FinanceRows::costState)
                .optional()
                .orElse(CostState.ZERO);
    }

    /** A movement of the position and every one booked after it, in booking order. */
    List<FinanceMovement> bookedFrom(String sku, String location, Instant at, long globalIndex) {
        return jdbc.sql("SELECT " + MOVEMENT_COLUMNS
                        + " FROM finance_movement WHERE sku = ? AND location = ?"
                        + " AND (booked_at > ? OR (booked_at = ? AND global_index >= ?))"
                        + " ORDER BY booked_at, global_index")
                .params(sku, location, utc(at), utc(at), globalIndex)
                .query(FinanceRows::movement)
                .list();
    }

    /** The transfer out of a transfer; empty when not (yet) booked. */
    Optional<FinanceMovement> transferOut(String transferId) {
        return jdbc.sql("SELECT " + MOVEMENT_COLUMNS
                        + " FROM finance_movement WHERE transfer_id = ? AND category = ? ORDER BY global_index"
                        + " FETCH FIRST 1 ROW ONLY")
                .params(transferId, Category.TRANSFER_OUT.name())
                .query(FinanceRows::movement)
                .optional();
    }

    /** The transfers in of a transfer, in recording order. */
    List<FinanceMovement> transfersIn(String transferId) {
        return jdbc.sql("SELECT " + MOVEMENT_COLUMNS
                        + " FROM finance_movement WHERE transfer_id = ? AND category = ? ORDER BY global_index")
                .params(transferId, Category.TRANSFER_IN.name())
                .query(FinanceRows::movement)
                .list();
    }

    void insert(FinanceMovement m) {
        jdbc.sql("INSERT INTO finance_movement (" + MOVEMENT_COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        m.sku(),
                        m.location(),
                        m.globalIndex(),
                        m.movementId(),
                        m.category().name(),
                        m.reason(),
                        utc(m.occurredAt()),
                        utc(m.bookedAt()),
                        m.period().toString(),
                        m.late(),
                        m.quantity(),
                        m.unitCost(),
                        m.amount(),
                        m.after().quantity(),
                        m.after().value(),
                        m.after().averageCost(),
                        m.transferId())
                .update();
    }

    /** Stores new amounts and states of movements, in one batch. */
    void revalue(List<FinanceMovement> movements) {
        if (movements.isEmpty()) {
            return;
        }
        template.batchUpdate(
                "UPDATE finance_movement SET unit_cost = ?, amount = ?, quantity_after = ?, value_after = ?,"
                        + " average_cost = ? WHERE sku = ? AND location = ? AND global_index = ?",
                movements,
                500,
                (statement, m) -> {
                    statement.setBigDecimal(1, m.unitCost());
                    statement.setBigDecimal(2, m.amount());
                    statement.setLong(3, m.after().quantity());
                    statement.setBigDecimal(4, m.after().value());
                    statement.setBigDecimal(5, m.after().averageCost());
                    statement.setString(6, m.sku());
                    statement.setString(7, m.location());
                    statement.setLong(8, m.globalIndex());
                });
    }

    // --- period balances

    /**
     * Makes sure the position has a row for {@code period}: a new one opens (and, without movements yet, closes) at
     * the closing of the position's latest earlier row (found by reading the key backwards, as in {@link #stateAt}).
     */
    void ensurePeriod(String sku, String location, YearMonth period) {
        jdbc.sql(
                        """
                INSERT INTO finance_period (sku, location, period, %s)
                SELECT :sku, :location, :period,
                       COALESCE(p.closing_quantity, 0), 0, 0, 0, 0, 0, 0, 0, COALESCE(p.closing_quantity, 0),
                       COALESCE(p.closing_value, 0), 0, 0, 0, 0, 0, 0, 0, COALESCE(p.closing_value, 0)
                FROM (VALUES (1)) AS one (x)
                LEFT JOIN (SELECT closing_quantity, closing_value FROM finance_period
                           WHERE sku = :sku AND location = :location AND period < :period
                           ORDER BY sku DESC, location DESC, period DESC FETCH FIRST 1 ROW ONLY) p ON TRUE
                WHERE NOT EXISTS (SELECT 1 FROM finance_period
                                  WHERE sku = :sku AND location = :location AND period = :period)"""
                                .formatted(FIGURES))
                .param("sku", sku)
                .param("location", location)
                .param("period", period.toString())
                .update();
    }

    /** Adds a movement's quantity to its kind's column and to the closing of its period. */
    void addQuantity(String sku, String location, YearMonth period, Category category, long quantity) {
        String column = category.quantityColumn();
        jdbc.sql("UPDATE finance_period SET " + column + " = " + column
                        + " + ?, closing_quantity = closing_quantity + ?"
                        + " WHERE sku = ? AND location = ? AND period = ?")
                .params(quantity, quantity, sku, location, period.toString())
                .update();
    }

    /** Adds an amount to a kind's value column of a period (not to its closing: see {@link #shiftValue}). */
    void addValue(String sku, String location, YearMonth period, Category category, BigDecimal amount) {
        String column = category.valueColumn();
        jdbc.sql("UPDATE finance_period SET " + column + " = " + column + " + ?"
                        + " WHERE sku = ? AND location = ? AND period = ?")
                .params(amount, sku, location, period.toString())
                .update();
    }

    /** Adds to the adjustments of a reason code in a period. */
    void addReason(String sku, String location, YearMonth period, String reason, long quantity, BigDecimal amount) {
        jdbc.sql(
                        """
                MERGE INTO finance_period_reason r
                USING (VALUES (CAST(:sku AS VARCHAR(64)), CAST(:location AS VARCHAR(64)), CAST(:period AS CHAR(7)),
                               CAST(:reason AS VARCHAR(64)), CAST(:quantity AS BIGINT), CAST(:amount AS DECIMAL(30, 6))))
                   AS e (sku, location, period, reason, quantity, amount)
                ON r.sku = e.sku AND r.location = e.location AND r.period = e.period AND r.reason = e.reason
                WHEN MATCHED THEN UPDATE SET quantity = r.quantity + e.quantity, amount = r.amount + e.amount
                WHEN NOT MATCHED THEN INSERT (sku, location, period, reason, quantity, amount)
                    VALUES (e.sku, e.location, e.period, e.reason, e.quantity, e.amount)""")
                .param("sku", sku)
                .param("location", location)
                .param("period", period.toString())
                .param("reason", reason)
                .param("quantity", quantity)
                .param("amount", amount)
                .update();
    }

    /** A quantity booked into {@code period} moves the opening and closing of every later period: one statement. */
    void shiftLaterQuantity(String sku, String location, YearMonth period, long quantity) {
        if (quantity == 0) {
            return;
        }
        jdbc.sql("UPDATE finance_period SET opening_quantity = opening_quantity + ?,"
                        + " closing_quantity = closing_quantity + ? WHERE sku = ? AND location = ? AND period > ?")
                .params(quantity, quantity, sku, location, period.toString())
                .update();
    }

    /** An amount booked into {@code period}: its closing value moves, and the opening and closing of every later one. */
    void shiftValue(String sku, String location, YearMonth period, BigDecimal amount) {
        if (amount.signum() == 0) {
            return;
        }
        jdbc.sql(
                        "UPDATE finance_period SET closing_value = closing_value + ? WHERE sku = ? AND location = ? AND period = ?")
                .params(amount, sku, location, period.toString())
                .update();
        jdbc.sql("UPDATE finance_period SET opening_value = opening_value + ?, closing_value = closing_value + ?"
                        + " WHERE sku = ? AND location = ? AND period > ?")
                .params(amount, amount, sku, location, period.toString())
                .update();
    }

    // --- reading

    /**
     * Every position's balance in {@code period}, in (sku, location) order, to {@code consumer}: its row for the
     * period, or, when it had no movement in it, its latest earlier closing carried as opening and closing. Rows are
     * streamed from the database, not collected.
     */
    void balances(YearMonth period, String sku, String location, Consumer<PeriodBalance> consumer) {
        Map<String, List<ReasonFigures>> reasons = reasons(period, sku, location);
        StringBuilder sql = new StringBuilder("SELECT sku, location, period, " + FIGURES + " FROM ("
                + "SELECT f.*, ROW_NUMBER() OVER (PARTITION BY sku, location ORDER BY period DESC) AS latest"
                + " FROM finance_period f WHERE period <= :period");
        if (sku != null) {
            sql.append(" AND sku = :sku");
        }
        if (location != null) {
            sql.append(" AND location = :location");
        }
        sql.append(") WHERE latest = 1 ORDER BY sku, location");
        JdbcClient.StatementSpec statement = jdbc.sql(sql.toString()).param("period", period.toString());
        if (sku != null) {
            statement = statement.param("sku", sku);
        }
        if (location != null) {
            statement = statement.param("location", location);
        }
        statement.query((ResultSet row) -> {
            PeriodBalance balance = balance(row);
            if (!balance.period().equals(period)) {
                balance = carried(balance, period);
            } else {
                List<ReasonFigures> ofRow = reasons.get(balance.sku() + "@" + balance.location());
                if (ofRow != null) {
                    balance = new PeriodBalance(
                            balance.sku(), balance.location(), period, balance.quantity(), balance.value(), ofRow);
                }
            }
            consumer.accept(balance);
        });
    }

    private Map<String, List<ReasonFigures>> reasons(YearMonth period, String sku, String location) {
        Map<String, List<ReasonFigures>> reasons = new HashMap<>();
        StringBuilder sql = new StringBuilder(
                "SELECT sku, location, reason, quantity, amount FROM finance_period_reason WHERE period = :period");
        if (sku != null) {
            sql.append(" AND sku = :sku");
        }
        if (location != null) {
            sql.append(" AND location = :location");
        }
        sql.append(" ORDER BY sku, location, reason");
        JdbcClient.StatementSpec statement = jdbc.sql(sql.toString()).param("period", period.toString());
        if (sku != null) {
            statement = statement.param("sku", sku);
        }
        if (location != null) {
            statement = statement.param("location", location);
        }
        statement.query((ResultSet row) -> {
            reasons.computeIfAbsent(row.getString("sku") + "@" + row.getString("location"), k -> new ArrayList<>())
                    .add(new ReasonFigures(row.getString("reason"), row.getLong("quantity"), money(row, "amount")));
        });
        return reasons;
    }

    /** The movements booked into {@code period} although dated inside a closed one. */
    List<LateBooking> lateBookings(YearMonth period) {
        return jdbc.sql("SELECT sku, location, movement_id, category, quantity, amount, occurred_at, booked_at"
                        + " FROM finance_movement WHERE period = ? AND late ORDER BY booked_at, global_index")
                .params(period.toString())
                .query((row, n) -> new LateBooking(
                        row.getString("sku"),
                        row.getString("location"),
                        row.getString("movement_id"),
                        row.getString("category"),
                        row.getLong("quantity"),
                        money(row, "amount"),
                        instant(row, "occurred_at"),
                        instant(row, "booked_at")))
                .list();
    }

    long periodRows() {
        return jdbc.sql("SELECT COUNT(*) FROM finance_period").query(Long.class).single();
    }

    /**
     * Every row that breaks a roll-forward rule: opening = the position's previous row's closing (zero for its first
     * row), opening + movements = closing, and the adjustments = the sum of their reason codes; in quantity and value.
     * And every transfer received in full whose transfers in do not add up to the value its transfer out took from the
     * source (named under the source's row of the transfer out's period).
     */
    List<RollForwardViolation> rollForwardViolations(int limit) {
        return jdbc.sql(
                        """
                SELECT sku, location, period, rule, expected, actual FROM (
                  SELECT sku, location, period, 'opening = previous closing (quantity)' AS rule,
                         CAST(COALESCE(previous_closing_quantity, 0) AS VARCHAR) AS expected,
                         CAST(opening_quantity AS VARCHAR) AS actual
                  FROM rows_in_order WHERE opening_quantity <> COALESCE(previous_closing_quantity, 0)
                  UNION ALL
                  SELECT sku, location, period, 'opening = previous closing (value)',
                         CAST(COALESCE(previous_closing_value, 0) AS VARCHAR), CAST(opening_value AS VARCHAR)
                  FROM rows_in_order WHERE opening_value <> COALESCE(previous_closing_value, 0)
                  UNION ALL
                  SELECT sku, location, period, 'opening + movements = closing (quantity)',
                         CAST(opening_quantity + receipts_quantity + shipments_quantity + transfers_in_quantity
                              + transfers_out_quantity + returns_quantity + adjustments_quantity
                              + write_offs_quantity AS VARCHAR),
                         CAST(closing_quantity AS VARCHAR)
                  FROM rows_in_order WHERE opening_quantity + receipts_quantity + shipments_quantity
                       + transfers_in_quantity + transfers_out_quantity + returns_quantity + adjustments_quantity
                       + write_offs_quantity <> closing_quantity
                  UNION ALL
                  SELECT sku, location, period, 'opening + movements = closing (value)',
                         CAST(opening_value + receipts_value + shipments_value + transfers_in_value
                              + transfers_out_value + returns_value + adjustments_value + write_offs_value AS VARCHAR),
                         CAST(closing_value AS VARCHAR)
                  FROM rows_in_order WHERE opening_value + receipts_value + shipments_value + transfers_in_value
                       + transfers_out_value + returns_value + adjustments_value + write_offs_value <> closing_value
                  UNION ALL
                  SELECT p.sku, p.location, p.period, 'adjustments = sum by reason (quantity)',
                         CAST(COALESCE(SUM(r.quantity), 0) AS VARCHAR), CAST(p.adjustments_quantity AS VARCHAR)
                  FROM finance_period p LEFT JOIN finance_period_reason r
                    ON r.sku = p.sku AND r.location = p.location AND r.period = p.period
                  GROUP BY p.sku, p.location, p.period, p.adjustments_quantity
                  HAVING COALESCE(SUM(r.quantity), 0) <> p.adjustments_quantity
                  UNION ALL
                  SELECT o.sku, o.location, o.period, 'transfer in = transfer out (value), transfer ' || o.transfer_id,
                         CAST(-o.amount AS VARCHAR), CAST(SUM(i.amount) AS VARCHAR)
                  FROM finance_movement o JOIN finance_movement i
                    ON i.transfer_id = o.transfer_id AND i.category = 'TRANSFER_IN'
                  WHERE o.category = 'TRANSFER_OUT'
                  GROUP BY o.sku, o.location, o.period, o.transfer_id, o.quantity, o.amount
                  HAVING SUM(i.quantity) = -o.quantity AND SUM(i.amount) <> -o.amount
                ) ORDER BY sku, location, period, rule FETCH FIRST :limit ROWS ONLY"""
                                .replace(
                                        "rows_in_order",
                                        "(SELECT f.*, LAG(closing_quantity) OVER w AS previous_closing_quantity,"
                                                + " LAG(closing_value) OVER w AS previous_closing_value"
                                                + " FROM finance_period f"
                                                + " WINDOW w AS (PARTITION BY sku, location ORDER BY period))"))
                .param("limit", limit)
                .query((row, n) -> new RollForwardViolation(
                        row.getString("sku"),
                        row.getString("location"),
                        YearMonth.parse(row.getString("period")),
                        row.getString("rule"),
                        row.getString("expected"),
                        row.getString("actual")))
                .list();
    }

    private PeriodBalance balance(ResultSet row) throws SQLException {
        return new PeriodBalance(
                row.getString("sku"),
                row.getString("location"),
                YearMonth.parse(row.getString("period")),
                new QuantityFigures(
                        row.getLong("opening_quantity"),
                        row.getLong("receipts_quantity"),
                        row.getLong("shipments_quantity"),
                        row.getLong("transfers_in_quantity"),
                        row.getLong("transfers_out_quantity"),
                        row.getLong("returns_quantity"),
                        row.getLong("adjustments_quantity"),
                        row.getLong("write_offs_quantity"),
                        row.getLong("closing_quantity")),
                new ValueFigures(
                        money(row, "opening_value"),
                        money(row, "receipts_value"),
                        money(row, "shipments_value"),
                        money(row, "transfers_in_value"),
                        money(row, "transfers_out_value"),
                        money(row, "returns_value"),
                        money(row, "adjustments_value"),
                        money(row, "write_offs_value"),
                        money(row, "closing_value")),
                List.of());
    }

    private PeriodBalance carried(PeriodBalance latest, YearMonth period) {
        BigDecimal zero = BigDecimal.ZERO.setScale(scale);
        long quantity = latest.quantity().closing();
        BigDecimal value = latest.value().closing();
        return new PeriodBalance(
                latest.sku(),
                latest.location(),
                period,
                new QuantityFigures(quantity, 0, 0, 0, 0, 0, 0, 0, quantity),
                new ValueFigures(value, zero, zero, zero, zero, zero, zero, zero, value),
                List.of());
    }

    private static FinanceMovement movement(ResultSet row, int rowNumber) throws SQLException {
        return new FinanceMovement(
                row.getString("sku"),
                row.getString("location"),
                row.getLong("global_index"),
                row.getString("movement_id"),
                Category.valueOf(row.getString("category")),
                row.getString("reason"),
                instant(row, "occurred_at"),
                instant(row, "booked_at"),
                YearMonth.parse(row.getString("period")),
                row.getBoolean("late"),
                row.getLong("quantity"),
                row.getBigDecimal("unit_cost"),
                row.getBigDecimal("amount"),
                new CostState(
                        row.getLong("quantity_after"),
                        row.getBigDecimal("value_after"),
                        row.getBigDecimal("average_cost")),
                row.getString("transfer_id"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }
}
