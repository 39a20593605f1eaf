package db.events;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The event and snapshot tables as an append log wants them: payload and metadata in the row ({@code VARBINARY})
 * instead of LOBs, which H2 keeps out of the row beyond 256 bytes (every event then also wrote H2's LOB maps, and
 * every read copied its LOB), and no unique index on the random {@code eventIdentifier}, which put a random-key leaf
 * into every write. An event's identity in the log is its global index and its place in its aggregate's stream
 * ({@code aggregateIdentifier, sequenceNumber}), both still unique.
 *
 * <p>Java, not SQL: H2 named the unique constraints when V1 created them, and only the catalogue knows the names.
 * Changing a column's type rewrites the table once; the identity of {@code globalIndex} carries on where it was.
 */
public class V21__StoreEventsInPlace extends BaseJavaMigration {

    /** Far above any event the ledger writes (a few hundred bytes; a reservation of many lines some kilobytes). */
    static final int MAX_BYTES = 1_000_000;

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        for (String table : List.of("DOMAINEVENTENTRY", "SNAPSHOTEVENTENTRY")) {
            try (Statement statement = connection.createStatement()) {
                for (String constraint : uniqueConstraintsOnEventIdentifier(connection, table)) {
                    statement.execute("ALTER TABLE " + table + " DROP CONSTRAINT \"" + constraint + "\"");
                }
                statement.execute(
                        "ALTER TABLE " + table + " ALTER COLUMN payload SET DATA TYPE VARBINARY(" + MAX_BYTES + ")");
                statement.execute(
                        "ALTER TABLE " + table + " ALTER COLUMN metaData SET DATA TYPE VARBINARY(" + MAX_BYTES + ")");
            }
        }
    }

    private static List<String> uniqueConstraintsOnEventIdentifier(Connection connection, String table)
            throws SQLException {
        List<String> names = new ArrayList<>();
        try (var query = connection.prepareStatement(
                """
                SELECT c.CONSTRAINT_NAME
                FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS c
                JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE k
                  ON k.CONSTRAINT_SCHEMA = c.CONSTRAINT_SCHEMA AND k.CONSTRAINT_NAME = c.CONSTRAINT_NAME
                WHERE c.TABLE_SCHEMA = SCHEMA() AND c.TABLE_NAME = ? AND c.CONSTRAINT_TYPE = 'UNIQUE'
                GROUP BY c.CONSTRAINT_NAME
                HAVING COUNT(*) = 1 AND MAX(k.COLUMN_NAME) = 'EVENTIDENTIFIER'
                """)) {
            query.setString(1, table);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
        }
        return names;
    }
}
