package io.stockledger.migration;

import io.stockledger.store.StoreLogin;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The embedded store's events, read in the order of their global index. */
final class EmbeddedEvents implements AutoCloseable {

    private static final String COLUMNS = "globalIndex, eventIdentifier, aggregateIdentifier, sequenceNumber, type, "
            + "timeStamp, payloadType, payloadRevision, payload, metaData";

    private final Connection connection;

    EmbeddedEvents(String url, String user, String password) throws SQLException {
        this.connection = StoreLogin.connect(url, user, password);
        this.connection.setReadOnly(true);
    }

    long count() throws SQLException {
        return single("SELECT COUNT(*) FROM DomainEventEntry", -1);
    }

    long snapshots() throws SQLException {
        return single("SELECT COUNT(*) FROM SnapshotEventEntry", -1);
    }

    /** The event at the given place (0 = first) in the store's order, if the store holds that many. */
    Optional<StoredEvent> at(long place) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM DomainEventEntry ORDER BY globalIndex LIMIT 1 OFFSET ?")) {
            statement.setLong(1, place);
            List<StoredEvent> events = read(statement);
            return events.stream().findFirst();
        }
    }

    /** Up to {@code limit} events after the given global index, in order. */
    List<StoredEvent> after(long globalIndex, int limit) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM DomainEventEntry WHERE globalIndex > ? ORDER BY globalIndex LIMIT ?")) {
            statement.setLong(1, globalIndex);
            statement.setInt(2, limit);
            return read(statement);
        }
    }

    private static List<StoredEvent> read(PreparedStatement statement) throws SQLException {
        List<StoredEvent> events = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                events.add(new StoredEvent(
                        rows.getLong(1),
                        rows.getString(2),
                        rows.getString(3),
                        rows.getLong(4),
                        rows.getString(5),
                        rows.getString(6),
                        rows.getString(7),
                        rows.getString(8),
                        rows.getBytes(9),
                        rows.getBytes(10)));
            }
        }
        return events;
    }

    private long single(String sql, long otherwise) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rows = statement.executeQuery()) {
            return rows.next() ? rows.getLong(1) : otherwise;
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
