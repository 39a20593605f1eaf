package io.stockledger.migration;

import io.stockledger.store.StoreLogin;
import io.stockledger.store.StorePassword;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Compares the projections of two query sides row by row: typically the embedded ledger's and the ones a query side
 * rebuilt from Axon Server after the migration. Every projection table is compared as a multiset of rows, leaving out
 * only what legitimately differs between two event stores: global positions (the embedded store's index has gaps,
 * Axon Server numbers its events without them; their order is compared instead) and digits of timestamps below the
 * millisecond (Axon Server keeps event timestamps to the millisecond). Tables of processing state, of uploads that
 * are not rebuilt from events, and a change log written per processing batch are listed as not compared, with why.
 */
@Command(
        name = "compare-projections",
        mixinStandardHelpOptions = true,
        description = "Compare two query sides' projections row by row (exit 0: equal, 1: different).")
final class CompareProjections implements Callable<Integer> {

    static final int DIFFERENT = 1;

    /** A compared table: the columns left out, and a column whose order of {@code orderKey} values is compared. */
    record Table(String name, Set<String> excluded, String orderBy, String orderKey) {

        Table(String name, String... excluded) {
            this(name, Set.of(excluded), null, null);
        }
    }

    static final List<Table> COMPARED = List.of(
            new Table("stock_position", "event_position"),
            new Table("reservation", "event_position"),
            new Table("reservation_line"),
            new Table("reservation_rejection"),
            new Table("reservation_position_shortfall"),
            new Table("reservation_backorder"),
            new Table("audit_entry", Set.of("global_position"), "global_position", "event_id"),
            new Table("audit_daily_change"),
            // Hashes and links included: the chain covers each event's content, which the migration keeps.
            new Table("audit_chain", Set.of("global_index"), "chain_seq", "event_id"),
            new Table("audit_chain_seal"),
            new Table("channel_policy", "event_position"),
            new Table("channel_location"),
            new Table("channel_safety_stock"),
            new Table("channel_quota"),
            new Table("channel_reserved"),
            new Table("channel_reserved_total"),
            new Table("channel_backorder"),
            new Table("channel_stock", "event_position"),
            new Table("channel_published"),
            new Table("finance_movement", Set.of("global_index"), "global_index", "movement_id"),
            new Table("finance_period"),
            new Table("finance_period_reason"),
            new Table("finance_period_close"));

    static final Map<String, String> NOT_COMPARED = Map.of(
            "tokenentry", "tracking tokens: positions in each store",
            "deadletterentry", "processing state, not projection rows",
            "flyway_schema_history", "schema history",
            "channel_change", "change log for subscribers, one row per processing batch",
            "reconciliation_run", "uploaded through the API, not rebuilt from events",
            "reconciliation_line", "uploaded through the API, not rebuilt from events");

    private static final int SHOWN = 5;

    @Spec
    CommandSpec spec;

    @Parameters(
            index = "0",
            description = "The first query side: its projections directory (e.g. data/query.embedded) or a JDBC URL.")
    String left;

    @Parameters(index = "1", description = "The second query side, likewise (e.g. data/query).")
    String right;

    @Option(
            names = "--user",
            defaultValue = "sa",
            description = "Database user of both. The password of each: STOCKLEDGER_STORE_PASSWORD, else the"
                    + " store.password file of the data directory it lies in.")
    String user;

    /** One table's outcome: row counts, rows only on either side (a few of them), and whether the order matches. */
    record Outcome(
            String table,
            long leftRows,
            long rightRows,
            List<String> onlyLeft,
            List<String> onlyRight,
            long differing,
            String orderMismatch) {

        boolean equal() {
            return differing == 0 && orderMismatch == null;
        }
    }

    @Override
    public Integer call() throws SQLException {
        PrintWriter out = spec.commandLine().getOut();
        try (Connection first = StoreLogin.connect(url(left), user, StorePassword.findFor(url(left)));
                Connection second = StoreLogin.connect(url(right), user, StorePassword.findFor(url(right)))) {
            List<Outcome> outcomes = compare(first, second);
            out.printf("comparing projections%n  left:  %s%n  right: %s%n", left, right);
            out.printf("%-32s %10s %10s %10s  %s%n", "table", "left rows", "right rows", "differing", "order");
            for (Outcome outcome : outcomes) {
                out.printf(
                        "%-32s %10d %10d %10d  %s%n",
                        outcome.table(),
                        outcome.leftRows(),
                        outcome.rightRows(),
                        outcome.differing(),
                        outcome.orderMismatch() == null ? "same" : "DIFFERS");
            }
            for (Outcome outcome : outcomes) {
                if (!outcome.equal()) {
                    out.printf("%n%s:%n", outcome.table());
                    outcome.onlyLeft().forEach(row -> out.printf("  only left:  %s%n", row));
                    outcome.onlyRight().forEach(row -> out.printf("  only right: %s%n", row));
                    if (outcome.orderMismatch() != null) {
                        out.printf("  order: %s%n", outcome.orderMismatch());
                    }
                }
            }
            Set<String> others = new TreeSet<>(tables(first));
            others.addAll(tables(second));
            COMPARED.forEach(table -> others.remove(table.name()));
            out.printf("%nnot compared:%n");
            for (String table : others) {
                out.printf("  %-30s %s%n", table, NOT_COMPARED.getOrDefault(table, "UNKNOWN TABLE: not compared"));
            }
            long differentTables = outcomes.stream().filter(o -> !o.equal()).count();
            boolean unknown = others.stream().anyMatch(table -> !NOT_COMPARED.containsKey(table));
            out.printf(
                    "%nresult: %s (%d tables compared, %d rows on the left, %d differ)%n",
                    differentTables == 0 && !unknown ? "EQUAL" : "DIFFERENT",
                    outcomes.size(),
                    outcomes.stream().mapToLong(Outcome::leftRows).sum(),
                    differentTables);
            out.flush();
            return differentTables == 0 && !unknown ? 0 : DIFFERENT;
        }
    }

    /** The tables both sides have are compared; one that only one side has is a difference; neither, left out. */
    static List<Outcome> compare(Connection first, Connection second) throws SQLException {
        Set<String> leftTables = tables(first);
        Set<String> rightTables = tables(second);
        List<Outcome> outcomes = new ArrayList<>();
        for (Table table : COMPARED) {
            boolean onLeft = leftTables.contains(table.name());
            boolean onRight = rightTables.contains(table.name());
            if (onLeft && onRight) {
                outcomes.add(compare(table, first, second));
            } else if (onLeft || onRight) {
                outcomes.add(new Outcome(
                        table.name(),
                        0,
                        0,
                        onLeft ? List.of("the table (missing on the right)") : List.of(),
                        onRight ? List.of("the table (missing on the left)") : List.of(),
                        1,
                        null));
            }
        }
        return outcomes;
    }

    private static Outcome compare(Table table, Connection first, Connection second) throws SQLException {
        List<String> columns = columns(first, table);
        if (!columns.equals(columns(second, table))) {
            return new Outcome(
                    table.name(),
                    0,
                    0,
                    List.of("columns " + columns),
                    List.of("columns " + columns(second, table)),
                    1,
                    null);
        }
        Map<String, Integer> counts = new HashMap<>();
        long leftRows = rows(first, table, columns, row -> counts.merge(row, 1, Integer::sum));
        List<String> onlyRight = new ArrayList<>();
        long[] differing = {0};
        long rightRows = rows(second, table, columns, row -> {
            Integer count = counts.get(row);
            if (count == null) {
                differing[0]++;
                if (onlyRight.size() < SHOWN) {
                    onlyRight.add(row);
                }
            } else if (count == 1) {
                counts.remove(row);
            } else {
                counts.put(row, count - 1);
            }
        });
        List<String> onlyLeft = new ArrayList<>();
        for (Map.Entry<String, Integer> entry : counts.entrySet()) {
            differing[0] += entry.getValue();
            if (onlyLeft.size() < SHOWN) {
                onlyLeft.add(entry.getKey());
            }
        }
        String orderMismatch = null;
        if (table.orderBy() != null) {
            List<String> leftOrder = order(first, table);
            List<String> rightOrder = order(second, table);
            if (!leftOrder.equals(rightOrder)) {
                int at = 0;
                while (at < Math.min(leftOrder.size(), rightOrder.size())
                        && leftOrder.get(at).equals(rightOrder.get(at))) {
                    at++;
                }
                orderMismatch = "ordered by " + table.orderBy() + ", " + table.orderKey() + " differs from row " + at;
            }
        }
        return new Outcome(table.name(), leftRows, rightRows, onlyLeft, onlyRight, differing[0], orderMismatch);
    }

    private static List<String> columns(Connection connection, Table table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (var statement = connection.prepareStatement(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = 'PUBLIC'"
                        + " AND LOWER(table_name) = ? ORDER BY column_name")) {
            statement.setString(1, table.name());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String column = rows.getString(1).toLowerCase(Locale.ROOT);
                    if (!table.excluded().contains(column)) {
                        columns.add(column);
                    }
                }
            }
        }
        return columns;
    }

    private static Set<String> tables(Connection connection) throws SQLException {
        Set<String> tables = new TreeSet<>();
        try (var statement = connection.prepareStatement(
                        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'PUBLIC'");
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                tables.add(rows.getString(1).toLowerCase(Locale.ROOT));
            }
        }
        return tables;
    }

    private static long rows(
            Connection connection, Table table, List<String> columns, java.util.function.Consumer<String> sink)
            throws SQLException {
        if (columns.isEmpty()) {
            return 0;
        }
        long count = 0;
        try (var statement = connection.createStatement()) {
            statement.setFetchSize(1000);
            try (ResultSet rows =
                    statement.executeQuery("SELECT " + String.join(", ", columns) + " FROM " + table.name())) {
                while (rows.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 0; i < columns.size(); i++) {
                        row.append(i == 0 ? "" : ", ").append(columns.get(i)).append('=');
                        row.append(normalized(rows.getObject(i + 1)));
                    }
                    sink.accept(row.toString());
                    count++;
                }
            }
        }
        return count;
    }

    private static List<String> order(Connection connection, Table table) throws SQLException {
        List<String> keys = new ArrayList<>();
        try (var statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT " + table.orderKey() + " FROM " + table.name() + " ORDER BY " + table.orderBy())) {
            while (rows.next()) {
                keys.add(rows.getString(1));
            }
        }
        return keys;
    }

    /** Timestamps to the millisecond as instants, decimals without trailing zeros, the rest as text. */
    static String normalized(Object value) {
        if (value instanceof OffsetDateTime time) {
            return time.toInstant().truncatedTo(ChronoUnit.MILLIS).toString();
        }
        if (value instanceof Timestamp time) {
            return time.toInstant().truncatedTo(ChronoUnit.MILLIS).toString();
        }
        if (value instanceof Instant time) {
            return time.truncatedTo(ChronoUnit.MILLIS).toString();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.stripTrailingZeros().toPlainString();
        }
        return String.valueOf(value);
    }

    private static String url(String side) {
        if (side.startsWith("jdbc:")) {
            return side;
        }
        Path directory = Path.of(side).toAbsolutePath().normalize();
        return "jdbc:h2:file:" + directory.resolve("projections") + ";AUTO_SERVER=TRUE;IFEXISTS=TRUE";
    }
}
