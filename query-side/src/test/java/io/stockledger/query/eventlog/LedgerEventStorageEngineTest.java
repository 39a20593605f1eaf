package io.stockledger.query.eventlog;

import static io.stockledger.query.Ledger.position;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stockledger.api.stock.StockReceived;
import io.stockledger.query.Ledger;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class LedgerEventStorageEngineTest {

    private final JdbcDataSource events = inMemoryDatabase();
    private final JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
    private final AtomicInteger statements = new AtomicInteger();
    private final LedgerEventStorageEngine engine = engine(() -> counting(events.getConnection()));

    @Test
    void aLogWhoseTablesDoNotExistYetHasNoEvents() {
        assertThat(engine.readEvents(null, false)).isEmpty();
        assertThat(engine.isWaitingForEventTables()).isTrue();
    }

    @Test
    void aFailureWithoutSqlStateIsNotAMissingTable() {
        // what a closed pool throws at a stop: no SQL state at all
        assertThat(LedgerEventStorageEngine.isMissingEventTables(
                        new IllegalStateException(new SQLException("the pool is closed"))))
                .isFalse();
        assertThat(LedgerEventStorageEngine.isMissingEventTables(new SQLException("no table", "42S02")))
                .isTrue();
    }

    @Test
    void waitsForTheTablesWithoutFailingAQueryOnEveryPoll() {
        assertThat(engine.readEvents(null, false)).isEmpty();
        int queried = statements.get();

        for (int i = 0; i < 5; i++) {
            assertThat(engine.readEvents(null, false)).isEmpty();
        }

        assertThat(statements.get()).as("statements prepared while waiting").isEqualTo(queried);
    }

    @Test
    void readsTheFirstEventsOnceTheTablesAppear() throws SQLException {
        assertThat(engine.readEvents(null, false)).isEmpty();

        createEventTables();
        TrackedEventMessage<?> receipt =
                new Ledger().receive(position("WIDGET-EA", "DC-EAST"), "RCV-1", "2024-05-01T08:00:00Z", 10);
        writer().appendEvents(List.of(receipt));

        List<? extends TrackedEventMessage<?>> read =
                engine.readEvents(null, false).toList();
        assertThat(read).singleElement().satisfies(event -> {
            assertThat(event.getPayload()).isInstanceOf(StockReceived.class);
            assertThat(event.getIdentifier()).isEqualTo(receipt.getIdentifier());
            assertThat(event.trackingToken().position()).hasValue(0);
        });
        assertThat(engine.isWaitingForEventTables()).isFalse();
    }

    @Test
    void anEventThatFillsAGapCarriesItsOwnGlobalIndexThoughItsTokenDoesNot() throws SQLException {
        createEventTables();
        Ledger ledger = new Ledger();
        writer().appendEvents(List.of(
                ledger.receive(position("WIDGET-EA", "DC-EAST"), "RCV-1", "2024-05-01T08:00:00Z", 10),
                ledger.receive(position("WIDGET-EA", "DC-WEST"), "RCV-2", "2024-05-01T08:00:00Z", 10),
                ledger.receive(position("WIDGET-EA", "DC-NORTH"), "RCV-3", "2024-05-01T08:00:00Z", 10)));

        // A processor that saw index 2 while index 1 had not committed yet: 1 is a gap it still waits for.
        GapAwareTrackingToken seenTwoMissingOne = GapAwareTrackingToken.newInstance(2, Set.of(1L));
        List<? extends TrackedEventMessage<?>> late =
                engine.readEvents(seenTwoMissingOne, false).toList();

        assertThat(late).singleElement().satisfies(event -> {
            assertThat(event.trackingToken().position()).hasValue(2);
            assertThat(event.getMetaData()).containsEntry(EventLog.GLOBAL_INDEX, "1");
            assertThat(EventLog.globalIndex(
                            (String) event.getMetaData().get(EventLog.GLOBAL_INDEX), event.trackingToken()))
                    .isEqualTo(1);
        });
    }

    @Test
    void readsTheNextBatchAndTheGapsThroughThePrimaryKeyNotByScanningTheLog() throws SQLException {
        createEventTables();
        Ledger ledger = new Ledger();
        List<TrackedEventMessage<?>> log = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            log.add(ledger.receive(position("SKU-" + i, "DC-EAST"), "RCV-" + i, "2024-05-01T08:00:00Z", 1));
        }
        writer().appendEvents(log);
        try (Connection connection = events.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("SET QUERY_STATISTICS TRUE");
        }

        // A processor at 1,500 that still waits for 3 and 700 (appends that committed late, or never).
        List<String> read = engine.readEvents(GapAwareTrackingToken.newInstance(1_500, Set.of(3L, 700L)), false)
                .limit(4)
                .map(event -> (String) event.getMetaData().get(EventLog.GLOBAL_INDEX))
                .toList();
        assertThat(read).containsExactly("3", "700", "1501", "1502");
        assertThat(statementsRun())
                .as("the statements the engine read the log with")
                .anySatisfy(sql -> assertThat(sql).contains("UNION ALL"))
                .noneSatisfy(sql -> assertThat(sql).contains(" OR "));

        String gapsAndBatch = LedgerEventStorageEngine.sql(new EventSchema(), 2);
        assertThat(rowsScanned(gapsAndBatch, 1_500, 1_600, 3, 700))
                .as("rows H2 reads for a batch of 100 and two gaps: those, a look past each end, and the durable head")
                .isLessThanOrEqualTo(115);
        // Axon's statement, (index > ? AND index <= ?) OR index IN (gaps), reads the whole log for the same rows.
        String axons = "SELECT globalIndex FROM DomainEventEntry WHERE (globalIndex > ? AND globalIndex <= ?)"
                + " OR globalIndex IN (?, ?) ORDER BY globalIndex";
        assertThat(rowsScanned(axons, 1_500, 1_600, 3, 700)).isGreaterThanOrEqualTo(2_000);
    }

    @Test
    void readsNothingPastTheDurableHeadTheCommandSideSyncedTo() throws SQLException {
        createEventTables();
        Ledger ledger = new Ledger();
        List<TrackedEventMessage<?>> log = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            log.add(ledger.receive(position("SKU-" + i, "DC-EAST"), "RCV-" + i, "2024-05-01T08:00:00Z", 1));
        }
        writer().appendEvents(log);
        try (Connection connection = events.getConnection();
                Statement statement = connection.createStatement()) {
            // events 0 to 2 are on disk; 3 and 4 are committed but not yet synced
            statement.execute("INSERT INTO event_log_head (id, durable_index) VALUES (1, 2)");
        }

        assertThat(engine.readEvents(null, false)
                        .map(event -> (String) event.getMetaData().get(EventLog.GLOBAL_INDEX))
                        .toList())
                .containsExactly("0", "1", "2");
        assertThat(engine.createHeadToken().position()).hasValue(2);
    }

    @Test
    void anyOtherFailureToReadIsReported() {
        LedgerEventStorageEngine unreachable = engine(() -> {
            throw new SQLException("Connection refused", "08001");
        });

        assertThatThrownBy(() -> unreachable.readEvents(null, false).toList())
                .hasRootCauseMessage("Connection refused");
    }

    @Test
    void neverWritesToTheLog() throws SQLException {
        createEventTables();
        TrackedEventMessage<?> receipt =
                new Ledger().receive(position("WIDGET-EA", "DC-EAST"), "RCV-1", "2024-05-01T08:00:00Z", 10);

        assertThatThrownBy(() -> engine.appendEvents(List.of(receipt)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(engine.readEvents(null, false)).isEmpty();
    }

    private List<String> statementsRun() throws SQLException {
        List<String> run = new ArrayList<>();
        try (Connection connection = events.getConnection();
                Statement statement = connection.createStatement();
                ResultSet statistics =
                        statement.executeQuery("SELECT SQL_STATEMENT FROM INFORMATION_SCHEMA.QUERY_STATISTICS"
                                + " WHERE SQL_STATEMENT LIKE '%DomainEventEntry%'")) {
            while (statistics.next()) {
                run.add(statistics.getString(1));
            }
        }
        return run;
    }

    /** How many rows H2 reads to answer a statement ({@code EXPLAIN ANALYZE}'s scan counts, summed). */
    private long rowsScanned(String sql, long... parameters) throws SQLException {
        try (Connection connection = events.getConnection();
                PreparedStatement explain = connection.prepareStatement("EXPLAIN ANALYZE " + sql)) {
            for (int i = 0; i < parameters.length; i++) {
                explain.setLong(i + 1, parameters[i]);
            }
            try (ResultSet plan = explain.executeQuery()) {
                plan.next();
                return Pattern.compile("scanCount: (\\d+)")
                        .matcher(plan.getString(1))
                        .results()
                        .mapToLong(found -> Long.parseLong(found.group(1)))
                        .sum();
            }
        }
    }

    private LedgerEventStorageEngine engine(ConnectionProvider connections) {
        return new LedgerEventStorageEngine(builder(connections));
    }

    private JdbcEventStorageEngine writer() {
        return builder(events::getConnection).build();
    }

    private JdbcEventStorageEngine.Builder builder(ConnectionProvider connections) {
        return JdbcEventStorageEngine.builder()
                .connectionProvider(connections)
                .transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer);
    }

    private void createEventTables() throws SQLException {
        try (Connection connection = events.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(
                    """
                    CREATE TABLE DomainEventEntry (
                        globalIndex BIGINT GENERATED BY DEFAULT AS IDENTITY (START WITH 0 INCREMENT BY 1) NOT NULL,
                        aggregateIdentifier VARCHAR(255) NOT NULL, sequenceNumber BIGINT NOT NULL,
                        type VARCHAR(255), eventIdentifier VARCHAR(255) NOT NULL, metaData VARBINARY(1000000),
                        payload VARBINARY(1000000) NOT NULL, payloadRevision VARCHAR(255),
                        payloadType VARCHAR(255) NOT NULL, timeStamp VARCHAR(255) NOT NULL, PRIMARY KEY (globalIndex),
                        UNIQUE (aggregateIdentifier, sequenceNumber))
                    """);
            statement.execute(
                    """
                    CREATE TABLE event_log_head (
                        id INT NOT NULL PRIMARY KEY CHECK (id = 1), durable_index BIGINT NOT NULL)
                    """);
        }
    }

    /** Counts the statements prepared on a connection: the queries, as opposed to metadata look-ups. */
    private Connection counting(Connection connection) {
        return (Connection) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, arguments) -> {
                    if (method.getName().startsWith("prepare")) {
                        statements.incrementAndGet();
                    }
                    try {
                        return method.invoke(connection, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static JdbcDataSource inMemoryDatabase() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        return dataSource;
    }
}
