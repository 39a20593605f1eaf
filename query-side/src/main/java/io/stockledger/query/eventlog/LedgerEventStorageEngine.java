package io.stockledger.query.eventlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Axon's JDBC storage engine over the command side's event tables, made read-only and patient.
 *
 * <p>The query side may start before the command side ever ran, so before its migration created the event tables.
 * Reading then answers "no events yet" instead of failing: the processors keep polling and pick the first events up
 * as soon as the tables appear, instead of backing off for up to a minute per failure. While it waits, it looks for
 * the tables in the database's metadata rather than failing a query on every poll (which H2 would also write to its
 * trace file each time). Any other failure still propagates, so the processors retry it and report it.
 *
 * <p>Every event it reads carries its own global index in its metadata ({@value #GLOBAL_INDEX}). The tracking token
 * of an event cannot tell it: an event that commits late, filling a gap, gets a token whose index is the highest
 * one seen so far, not its own.
 */
final class LedgerEventStorageEngine extends JdbcEventStorageEngine {

    private static final Logger log = LoggerFactory.getLogger(LedgerEventStorageEngine.class);

    /** SQL states for "table not found": ODBC/H2 (42S02, and H2's 42S03/42S04 variants) and PostgreSQL. */
    private static final Set<String> TABLE_NOT_FOUND_STATES = Set.of("42S02", "42S03", "42S04", "42P01");

    /** The metadata key of an event's global index, as a decimal string. */
    static final String GLOBAL_INDEX = "globalIndex";

    private static final ObjectMapper METADATA = new ObjectMapper();

    private final AtomicBoolean waitingForTables = new AtomicBoolean(false);

    LedgerEventStorageEngine(JdbcEventStorageEngine.Builder builder) {
        super(builder);
    }

    @Override
    protected TrackedEventData<?> getTrackedEventData(ResultSet resultSet, GapAwareTrackingToken previousToken)
            throws SQLException {
        TrackedEventData<?> read = super.getTrackedEventData(resultSet, previousToken);
        long globalIndex = resultSet.getLong(schema().globalIndexColumn());
        if (!(read instanceof TrackedDomainEventData<?> entry)) {
            return read;
        }
        return new TrackedDomainEventData<>(
                entry.trackingToken(),
                new GenericDomainEventEntry<>(
                        entry.getType(),
                        entry.getAggregateIdentifier(),
                        entry.getSequenceNumber(),
                        entry.getEventIdentifier(),
                        entry.getTimestamp(),
                        entry.getPayload().getType().getName(),
                        entry.getPayload().getType().getRevision(),
                        entry.getPayload().getData(),
                        withGlobalIndex((byte[]) entry.getMetaData().getData(), globalIndex)));
    }

    private static byte[] withGlobalIndex(byte[] metaData, long globalIndex) {
        try {
            JsonNode read = metaData == null || metaData.length == 0 ? null : METADATA.readTree(metaData);
            ObjectNode object = read instanceof ObjectNode node ? node : METADATA.createObjectNode();
            object.put(GLOBAL_INDEX, Long.toString(globalIndex));
            return METADATA.writeValueAsBytes(object);
        } catch (IOException e) {
            throw new EventStoreException("Cannot read the metadata of the event at global index " + globalIndex, e);
        }
    }

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        if (waitingForTables.get() && !eventTablesExist()) {
            return List.of();
        }
        try {
            List<? extends TrackedEventData<?>> events = super.fetchTrackedEvents(lastToken, batchSize);
            if (waitingForTables.compareAndSet(true, false)) {
                log.info("The event tables exist now; reading the event log");
            }
            return events;
        } catch (RuntimeException e) {
            if (!isMissingEventTables(e)) {
                throw e;
            }
            if (waitingForTables.compareAndSet(false, true)) {
                log.warn("The event tables do not exist yet (has the command side run?); waiting for them to appear");
            }
            return List.of();
        }
    }

    private boolean eventTablesExist() {
        try (Connection connection = getConnection();
                ResultSet tables = connection.getMetaData().getTables(null, null, null, new String[] {"TABLE"})) {
            while (tables.next()) {
                if (schema().domainEventTable().equalsIgnoreCase(tables.getString("TABLE_NAME"))) {
                    return true;
                }
            }
            return false;
        } catch (SQLException e) {
            throw new EventStoreException("Failed to look for the event tables", e);
        }
    }

    /** True while the last read found no event tables at all. */
    boolean isWaitingForEventTables() {
        return waitingForTables.get();
    }

    /**
     * The events after {@code globalIndex} (a batch's worth) and those at the token's gaps, as two index range reads.
     * Axon asks for {@code (globalIndex > ? AND globalIndex <= ?) OR globalIndex IN (gaps)}, which H2 answers by
     * scanning the whole event table, on every poll of every processor while its token holds a gap: profiled under
     * the distributor-day load, those scans (run in the command side's process, which serves the H2 file) were a third
     * of its CPU, and they grew with the log. The command side reads the same way ({@code EventTableReads}).
     */
    /** The statement: the batch's range and the gaps, each read through the primary key, in log order. */
    static String sql(EventSchema schema, int gaps) {
        String select = "SELECT " + schema.trackedEventFields() + " FROM " + schema.domainEventTable() + " WHERE ";
        String index = schema.globalIndexColumn();
        return select + index + " > ? AND " + index + " <= ? AND " + durable(schema) + " UNION ALL " + select + index
                + " IN (" + String.join(",", Collections.nCopies(gaps, "?")) + ") AND " + durable(schema)
                + " ORDER BY " + index + " ASC";
    }

    /**
     * Every read stops at the log's durable head, which the command side moves once a group of commands is synced to
     * disk ({@code event_log_head}; the command side's {@code DurableLog}): an event a crash could still take back is
     * never projected. A store without the row is read whole.
     */
    static String durable(EventSchema schema) {
        return schema.globalIndexColumn() + " <= COALESCE((SELECT durable_index FROM event_log_head WHERE id = 1), "
                + Long.MAX_VALUE + ")";
    }

    @Override
    protected PreparedStatement readEventDataWithoutGaps(Connection connection, long globalIndex, int batchSize)
            throws SQLException {
        String index = schema().globalIndexColumn();
        PreparedStatement statement = connection.prepareStatement("SELECT " + schema().trackedEventFields() + " FROM "
                + schema().domainEventTable() + " WHERE " + index + " > ? AND " + index + " <= ? AND "
                + durable(schema()) + " ORDER BY " + index + " ASC");
        statement.setLong(1, globalIndex);
        statement.setLong(2, globalIndex + batchSize);
        return statement;
    }

    @Override
    protected PreparedStatement fetchTrackedEvents(Connection connection, long globalIndex) throws SQLException {
        String index = schema().globalIndexColumn();
        PreparedStatement statement = connection.prepareStatement("SELECT MIN(" + index + ") FROM "
                + schema().domainEventTable() + " WHERE " + index + " > ? AND " + durable(schema()));
        statement.setLong(1, globalIndex);
        return statement;
    }

    @Override
    protected PreparedStatement createHeadToken(Connection connection) throws SQLException {
        return connection.prepareStatement("SELECT MAX(" + schema().globalIndexColumn() + ") FROM "
                + schema().domainEventTable() + " WHERE " + durable(schema()));
    }

    @Override
    protected PreparedStatement readEventDataWithGaps(
            Connection connection, long globalIndex, int batchSize, List<Long> gaps) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql(schema(), gaps.size()));
        statement.setLong(1, globalIndex);
        statement.setLong(2, globalIndex + batchSize);
        for (int i = 0; i < gaps.size(); i++) {
            statement.setLong(i + 3, gaps.get(i));
        }
        return statement;
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        throw new UnsupportedOperationException("the query side never writes to the event log");
    }

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        throw new UnsupportedOperationException("the query side never writes to the event log");
    }

    static boolean isMissingEventTables(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql
                    && sql.getSQLState() != null
                    && TABLE_NOT_FOUND_STATES.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
