package io.stockledger.query.rebuild;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;

/**
 * A projection generation's state in canonical form: its checksum, and its differences from another generation, row
 * by row.
 *
 * <p>Canonical rendering: the projection's state tables in name order; in each, the rows in primary-key order; in a
 * row, the columns in table order except the excluded ones ({@link ProjectionCatalog#excluded()}), each as
 * {@code name=value;} where a timestamp is its UTC instant in ISO-8601 ({@code 2026-03-02T08:15:00Z}), a decimal is
 * written without trailing zeros ({@code 4.2}), a null is {@code \0} and anything else is its SQL value as text. The
 * checksum is the SHA-256 of that text, in UTF-8.
 */
@Component
class ProjectionState {

    /** A table's share of a checksum. */
    record TableChecksum(String table, long rows, String sha256) {}

    /** One differing row: in both generations with another value in {@code column}, or in one of them only. */
    record Difference(String table, Map<String, String> key, String column, String oldValue, String newValue) {

        static final String WHOLE_ROW = "*";
    }

    /** Differences found, and how many in all: only the first {@code limit} are listed. */
    record Comparison(long rowsCompared, long differing, List<Difference> differences) {}

    private final DataSource dataSource;

    ProjectionState(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The checksum of one generation's state; run it in a transaction to see one snapshot. */
    List<TableChecksum> checksum(ProjectionCatalog projection, String schema) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            List<TableChecksum> tables = new ArrayList<>();
            for (String table : projection.state().stream().sorted().toList()) {
                Layout layout = layout(connection, projection, schema, table);
                MessageDigest digest = sha256();
                long rows = 0;
                try (Statement statement = connection.createStatement();
                        ResultSet row = statement.executeQuery(layout.select(schema))) {
                    while (row.next()) {
                        rows++;
                        StringBuilder text = new StringBuilder();
                        for (String column : layout.compared()) {
                            text.append(column)
                                    .append('=')
                                    .append(render(row.getObject(column)))
                                    .append(';');
                        }
                        text.append('\n');
                        digest.update(text.toString().getBytes(StandardCharsets.UTF_8));
                    }
                }
                tables.add(new TableChecksum(table, rows, HexFormat.of().formatHex(digest.digest())));
            }
            return tables;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + projection.name() + " in " + schema, e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** The checksum of a whole projection: the SHA-256 over its tables' checksums, in table order. */
    static String combined(List<TableChecksum> tables) {
        MessageDigest digest = sha256();
        tables.forEach(
                table -> digest.update((table.table() + '=' + table.sha256() + ';').getBytes(StandardCharsets.UTF_8)));
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Every row of {@code newSchema} that differs from {@code oldSchema}, merged in primary-key order. */
    Comparison compare(ProjectionCatalog projection, String oldSchema, String newSchema, int limit) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            List<Difference> listed = new ArrayList<>();
            long differing = 0;
            long compared = 0;
            for (String table : projection.state().stream().sorted().toList()) {
                Layout layout = layout(connection, projection, oldSchema, table);
                try (Statement oldStatement = connection.createStatement();
                        Statement newStatement = connection.createStatement();
                        ResultSet old = oldStatement.executeQuery(layout.select(oldSchema));
                        ResultSet rebuilt = newStatement.executeQuery(layout.select(newSchema))) {
                    boolean hasOld = old.next();
                    boolean hasNew = rebuilt.next();
                    while (hasOld || hasNew) {
                        compared++;
                        int order = !hasOld ? 1 : !hasNew ? -1 : compareKeys(layout, old, rebuilt);
                        List<Difference> found = new ArrayList<>();
                        if (order < 0) {
                            found.add(new Difference(
                                    table, key(layout, old), Difference.WHOLE_ROW, row(layout, old), null));
                            hasOld = old.next();
                        } else if (order > 0) {
                            found.add(new Difference(
                                    table, key(layout, rebuilt), Difference.WHOLE_ROW, null, row(layout, rebuilt)));
                            hasNew = rebuilt.next();
                        } else {
                            for (String column : layout.compared()) {
                                String before = render(old.getObject(column));
                                String after = render(rebuilt.getObject(column));
                                if (!before.equals(after)) {
                                    found.add(new Difference(table, key(layout, old), column, before, after));
                                }
                            }
                            hasOld = old.next();
                            hasNew = rebuilt.next();
                        }
                        if (!found.isEmpty()) {
                            differing++;
                            for (Difference difference : found) {
                                if (listed.size() < limit) {
                                    listed.add(difference);
                                }
                            }
                        }
                    }
                }
            }
            return new Comparison(compared, differing, listed);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot compare " + projection.name(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** A table's primary key and compared columns, lower case, as the live generation defines them. */
    private record Layout(String table, List<String> key, List<String> compared) {

        String select(String schema) {
            return "SELECT " + String.join(", ", compared) + " FROM \"" + schema + "\"." + table + " ORDER BY "
                    + String.join(", ", key);
        }
    }

    private static Layout layout(Connection connection, ProjectionCatalog projection, String schema, String table)
            throws SQLException {
        List<String> key = strings(
                connection,
                """
                SELECT k.COLUMN_NAME FROM INFORMATION_SCHEMA.KEY_COLUMN_USAGE k
                JOIN INFORMATION_SCHEMA.TABLE_CONSTRAINTS c
                  ON k.CONSTRAINT_SCHEMA = c.CONSTRAINT_SCHEMA AND k.CONSTRAINT_NAME = c.CONSTRAINT_NAME
                WHERE c.CONSTRAINT_TYPE = 'PRIMARY KEY' AND k.TABLE_SCHEMA = ? AND k.TABLE_NAME = ?
                ORDER BY k.ORDINAL_POSITION
                """,
                schema,
                table.toUpperCase());
        List<String> columns = strings(
                connection,
                "SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?"
                        + " ORDER BY ORDINAL_POSITION",
                schema,
                table.toUpperCase());
        if (key.isEmpty() || columns.isEmpty()) {
            throw new IllegalStateException(schema + "." + table + " has no primary key or does not exist");
        }
        List<String> compared = columns.stream()
                .filter(column -> key.contains(column) || !projection.isExcluded(table, column))
                .toList();
        return new Layout(table, key, compared);
    }

    private static List<String> strings(Connection connection, String sql, String... params) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setString(i + 1, params[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1).toLowerCase());
                }
            }
            return values;
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareKeys(Layout layout, ResultSet old, ResultSet rebuilt) throws SQLException {
        for (String column : layout.key()) {
            Object a = old.getObject(column);
            Object b = rebuilt.getObject(column);
            int order;
            if (a instanceof Number x && b instanceof Number y) {
                order = new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString()));
            } else if (a instanceof OffsetDateTime x && b instanceof OffsetDateTime y) {
                order = x.toInstant().compareTo(y.toInstant());
            } else if (a instanceof Comparable x && b != null && a.getClass() == b.getClass()) {
                order = x.compareTo(b);
            } else {
                order = render(a).compareTo(render(b));
            }
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }

    private static Map<String, String> key(Layout layout, ResultSet row) throws SQLException {
        Map<String, String> key = new LinkedHashMap<>();
        for (String column : layout.key()) {
            key.put(column, render(row.getObject(column)));
        }
        return key;
    }

    private static String row(Layout layout, ResultSet row) throws SQLException {
        StringBuilder text = new StringBuilder();
        for (String column : layout.compared()) {
            text.append(column)
                    .append('=')
                    .append(render(row.getObject(column)))
                    .append(';');
        }
        return text.toString();
    }

    static String render(Object value) {
        if (value == null) {
            return "\\0";
        }
        if (value instanceof OffsetDateTime time) {
            return time.toInstant().toString();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.signum() == 0 ? "0" : decimal.stripTrailingZeros().toPlainString();
        }
        return Objects.toString(value);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
