package io.stockledger.query.rebuild;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A projection's two generations in the projections database: the live one in the default schema, where every
 * reader finds it, and a shadow one in a schema of its own ({@link ProjectionCatalog#shadowSchema()}), created with
 * the live tables' exact definition (constraints and the indexes its handlers use) and empty. Indexes only readers
 * use ({@link ProjectionCatalog#readerIndexes()}) are left out: every row written to them would be an index update
 * nobody reads, and the live tables the rows are copied into at the switch have them.
 */
@Component
class Generations {

    static final String LIVE = "PUBLIC";

    /** How long a DDL statement keeps retrying while H2's catalogue is locked. */
    private static final Duration DDL_PATIENCE = Duration.ofSeconds(60);

    /**
     * The statements of a table's definition. H2 writes a unique index as {@code CREATE UNIQUE NULLS DISTINCT INDEX}:
     * read as {@code CREATE UNIQUE INDEX} only, such an index was missing from every shadow generation (the audit
     * trail's position history, by which its handler finds a position's latest row, so each event scanned the
     * position's rows).
     */
    private static final Pattern DEFINITION = Pattern.compile(
            "^(CREATE (MEMORY |CACHED )?TABLE|ALTER TABLE|CREATE (UNIQUE (NULLS (NOT )?DISTINCT )?)?INDEX)\\b.*",
            Pattern.DOTALL);

    /** A non-unique index's definition as {@code SCRIPT} writes it; group 1 is its name. */
    private static final Pattern PLAIN_INDEX =
            Pattern.compile("^CREATE INDEX \"[^\"]+\"\\.\"([^\"]+)\" ON .*", Pattern.DOTALL);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    Generations(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /**
     * A fresh, empty shadow generation of the projection's tables (a leftover one is dropped first).
     *
     * <p>H2 locks its schema catalogue exclusively for every DDL statement and gives up on a lock after its lock
     * timeout: several rebuilds started at once on a busy machine failed creating their schemas ("Timeout trying to
     * lock table SYS"). Generations are therefore created and dropped one at a time in this process, and a statement
     * that still meets a catalogue lock (a reader's metadata query) is retried.
     */
    synchronized void createShadow(ProjectionCatalog projection) {
        String schema = projection.shadowSchema();
        dropShadow(projection);
        ddl("CREATE SCHEMA \"" + schema + "\"");
        String tables = String.join(
                ", ",
                projection.allTables().stream()
                        .map(table -> LIVE + "." + table.toUpperCase())
                        .toList());
        List<String> definitions = new ArrayList<>();
        jdbc.query("SCRIPT NODATA NOPASSWORDS NOSETTINGS TABLE " + tables, row -> {
            String sql = row.getString(1);
            Matcher index = PLAIN_INDEX.matcher(sql);
            if (index.matches() && projection.isReaderIndex(index.group(1))) {
                return;
            }
            if (DEFINITION.matcher(sql).matches()) {
                definitions.add(sql.replace("\"" + LIVE + "\".", "\"" + schema + "\".")
                        // A shadow generation numbers its rows from the start, as a first run would.
                        .replaceAll(" RESTART WITH \\d+", ""));
            }
        });
        definitions.forEach(this::ddl);
    }

    synchronized void dropShadow(ProjectionCatalog projection) {
        ddl("DROP SCHEMA IF EXISTS \"" + projection.shadowSchema() + "\" CASCADE");
    }

    private void ddl(String statement) {
        long deadline = System.nanoTime() + DDL_PATIENCE.toNanos();
        while (true) {
            try {
                jdbc.execute(statement);
                return;
            } catch (TransientDataAccessException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /**
     * Replaces the live generation's state with the shadow's and hands the rebuild processor's tokens to the live
     * processor, in one transaction: a reader sees the old state until the commit and the new one after it, never
     * an empty or partial view (H2 reads committed rows, and DELETE, unlike TRUNCATE, is transactional).
     */
    void switchOver(ProjectionCatalog projection, String liveProcessor, String rebuildProcessor) {
        String schema = projection.shadowSchema();
        transactions.executeWithoutResult(status -> {
            for (String table : projection.state()) {
                jdbc.update("DELETE FROM " + LIVE + "." + table);
                jdbc.update("INSERT INTO " + LIVE + "." + table + " SELECT * FROM \"" + schema + "\"." + table);
            }
            jdbc.update(
                    """
                    UPDATE TokenEntry t SET
                        token = (SELECT r.token FROM TokenEntry r WHERE r.processorName = ? AND r.segment = 0),
                        tokenType = (SELECT r.tokenType FROM TokenEntry r WHERE r.processorName = ? AND r.segment = 0),
                        owner = NULL
                    WHERE t.processorName = ?
                    """,
                    rebuildProcessor,
                    rebuildProcessor,
                    liveProcessor);
            jdbc.update("DELETE FROM TokenEntry WHERE processorName = ?", rebuildProcessor);
        });
    }

    void forgetTokens(String rebuildProcessor) {
        jdbc.update("DELETE FROM TokenEntry WHERE processorName = ?", rebuildProcessor);
    }
}
