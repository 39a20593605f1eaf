package io.stockledger.query.finance;

import io.stockledger.query.finance.Reconciliation.Line;
import io.stockledger.query.finance.Reconciliation.Run;
import io.stockledger.query.finance.Reconciliation.Status;
import io.stockledger.query.finance.Reconciliation.Totals;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** The reconciliation runs and their lines: {@code reconciliation_run}, {@code reconciliation_line}. */
@Repository
class ReconciliationRows {

    private static final String RUN_COLUMNS = "run_id, uploaded_by, uploaded_at, input_format, input_sha256, periods,"
            + " erp_lines, matched, differing, missing_in_ledger, missing_in_erp, erp_quantity, ledger_quantity,"
            + " erp_value, ledger_value";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final int scale;

    ReconciliationRows(JdbcClient jdbc, JdbcTemplate template, FinanceProperties properties) {
        this.jdbc = jdbc;
        this.template = template;
        this.scale = properties.scale();
    }

    /**
     * Keeps a run and its lines. A run is uploaded, not derived from the event log, so unlike the projections it must
     * be on disk before it is acknowledged: the projections' database writes its commits in the background
     * ({@code WRITE_DELAY} in application.yml), and a {@code CHECKPOINT} once the run is committed writes it
     * through.
     */
    void insert(Run run, List<Line> lines) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    writeThrough();
                }
            });
        }
        Totals t = run.totals();
        jdbc.sql("INSERT INTO reconciliation_run (" + RUN_COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        run.runId(),
                        run.uploadedBy(),
                        run.uploadedAt().atOffset(ZoneOffset.UTC),
                        run.format(),
                        run.inputSha256(),
                        run.periods().stream().map(YearMonth::toString).collect(Collectors.joining(",")),
                        t.erpLines(),
                        t.matched(),
                        t.differing(),
                        t.missingInLedger(),
                        t.missingInErp(),
                        t.erpQuantity(),
                        t.ledgerQuantity(),
                        t.erpValue(),
                        t.ledgerValue())
                .update();
        template.batchUpdate(
                "INSERT INTO reconciliation_line (run_id, line_no, sku, location, period, status, erp_quantity,"
                        + " ledger_quantity, quantity_difference, erp_value, ledger_value, value_difference)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                lines,
                1000,
                (statement, line) -> {
                    statement.setString(1, run.runId());
                    statement.setInt(2, line.line());
                    statement.setString(3, line.sku());
                    statement.setString(4, line.location());
                    statement.setString(5, line.period().toString());
                    statement.setString(6, line.status().name());
                    statement.setObject(7, line.erpQuantity());
                    statement.setObject(8, line.ledgerQuantity());
                    statement.setObject(9, line.quantityDifference());
                    statement.setBigDecimal(10, line.erpValue());
                    statement.setBigDecimal(11, line.ledgerValue());
                    statement.setBigDecimal(12, line.valueDifference());
                });
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            writeThrough();
        }
    }

    private void writeThrough() {
        jdbc.sql("CHECKPOINT").update();
    }

    /** Every run, the latest first. */
    List<Run> runs() {
        return jdbc.sql("SELECT " + RUN_COLUMNS + " FROM reconciliation_run ORDER BY uploaded_at DESC, run_id")
                .query((org.springframework.jdbc.core.RowMapper<Run>) this::run)
                .list();
    }

    Optional<Run> run(String runId) {
        return jdbc.sql("SELECT " + RUN_COLUMNS + " FROM reconciliation_run WHERE run_id = ?")
                .params(runId)
                .query((org.springframework.jdbc.core.RowMapper<Run>) this::run)
                .optional();
    }

    /** A run's lines in line order, streamed to {@code consumer}. */
    void lines(String runId, Consumer<Line> consumer) {
        jdbc.sql("SELECT * FROM reconciliation_line WHERE run_id = ? ORDER BY line_no")
                .params(runId)
                .query((ResultSet row) -> {
                    consumer.accept(line(row));
                });
    }

    private Run run(ResultSet row, int n) throws SQLException {
        return new Run(
                row.getString("run_id"),
                row.getString("uploaded_by"),
                row.getObject("uploaded_at", OffsetDateTime.class).toInstant(),
                row.getString("input_format"),
                row.getString("input_sha256"),
                Arrays.stream(row.getString("periods").split(","))
                        .map(YearMonth::parse)
                        .toList(),
                new Totals(
                        row.getInt("erp_lines"),
                        row.getInt("matched"),
                        row.getInt("differing"),
                        row.getInt("missing_in_ledger"),
                        row.getInt("missing_in_erp"),
                        row.getLong("erp_quantity"),
                        row.getLong("ledger_quantity"),
                        money(row.getBigDecimal("erp_value")),
                        money(row.getBigDecimal("ledger_value"))));
    }

    private Line line(ResultSet row) throws SQLException {
        return new Line(
                row.getInt("line_no"),
                row.getString("sku"),
                row.getString("location"),
                YearMonth.parse(row.getString("period")),
                Status.valueOf(row.getString("status")),
                row.getObject("erp_quantity", Long.class),
                row.getObject("ledger_quantity", Long.class),
                row.getObject("quantity_difference", Long.class),
                money(row.getBigDecimal("erp_value")),
                money(row.getBigDecimal("ledger_value")),
                money(row.getBigDecimal("value_difference")));
    }

    private BigDecimal money(BigDecimal stored) {
        return stored == null ? null : stored.setScale(scale, RoundingMode.HALF_EVEN);
    }
}
