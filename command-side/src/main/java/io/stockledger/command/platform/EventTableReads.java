package io.stockledger.command.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded event store: Axon's JDBC storage engine exactly as its Spring Boot auto-configuration builds it, but
 * reading a tracking processor's next batch and the gaps its token still waits for as two index range reads.
 *
 * <p>Axon asks for {@code (globalIndex > ? AND globalIndex <= ?) OR globalIndex IN (gaps)}. H2 does not turn an OR
 * over one column into two index lookups: it scans the whole event table, on every poll of every tracking reader
 * while its token holds a gap (an append that committed late or rolled back, which concurrent commands leave all the
 * time). Profiled under the distributor-day load, those scans were a third of the command side's CPU, a cost that
 * grew with the log. The query side reads the log the same way ({@code LedgerEventStorageEngine}).
 *
 * <p>Every tracking read stops at the log's durable head (see {@link #durable}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
class EventTableReads {

    @Bean
    EventStorageEngine eventStorageEngine(
            Serializer defaultSerializer,
            PersistenceExceptionResolver persistenceExceptionResolver,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            org.axonframework.config.Configuration configuration,
            ConnectionProvider connectionProvider,
            TransactionManager transactionManager) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(new EventSchema())
                .readEventDataWithGaps(EventTableReads::nextBatchAndGaps)
                .readEventDataWithoutGaps(EventTableReads::nextBatch)
                .fetchTrackedEvents(EventTableReads::nextIndexAfter)
                .createHeadToken(EventTableReads::durableHead)
                .build();
    }

    /**
     * The event store of the command side's own tracking processors ({@code transfer-dispatch}). Axon's store is told of
     * a commit when a command's unit of work ends, but the events become readable only when the group's sync moves the
     * durable head, after the group; so the store looks again every {@code stockledger.events.fetch-delay} (20 ms)
     * instead of Axon's default second, and a transfer's units are in transit at the destination soon after its 2xx.
     */
    @Bean(name = "eventBus")
    @Qualifier("eventStore")
    EmbeddedEventStore eventStore(
            EventStorageEngine storageEngine,
            org.axonframework.config.Configuration configuration,
            @Value("${stockledger.events.fetch-delay:20ms}") Duration fetchDelay) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(Math.max(1, fetchDelay.toMillis()))
                .build();
    }

    /**
     * The condition that keeps every tracking read at or below the log's durable head ({@link DurableLog}): an event
     * committed by a group whose sync to disk has not finished is not read yet. Reads of an aggregate's own stream
     * (loading it for a command) are not capped: the group that wrote the events reads them back.
     */
    static String durable(EventSchema schema) {
        return schema.globalIndexColumn() + " <= " + DURABLE_HEAD;
    }

    /** The durable head as a scalar subquery; a store without the row (no command side writes to it) is read whole. */
    static final String DURABLE_HEAD =
            "COALESCE((SELECT durable_index FROM event_log_head WHERE id = 1), " + Long.MAX_VALUE + ")";

    static PreparedStatement nextBatch(Connection connection, EventSchema schema, long globalIndex, int batchSize)
            throws SQLException {
        String index = schema.globalIndexColumn();
        PreparedStatement statement = connection.prepareStatement("SELECT " + schema.trackedEventFields() + " FROM "
                + schema.domainEventTable() + " WHERE " + index + " > ? AND " + index + " <= ? AND " + durable(schema)
                + " ORDER BY " + index + " ASC");
        statement.setLong(1, globalIndex);
        statement.setLong(2, globalIndex + batchSize);
        return statement;
    }

    static PreparedStatement nextIndexAfter(Connection connection, EventSchema schema, long globalIndex)
            throws SQLException {
        String index = schema.globalIndexColumn();
        PreparedStatement statement = connection.prepareStatement("SELECT MIN(" + index + ") FROM "
                + schema.domainEventTable() + " WHERE " + index + " > ? AND " + durable(schema));
        statement.setLong(1, globalIndex);
        return statement;
    }

    static PreparedStatement durableHead(Connection connection, EventSchema schema) throws SQLException {
        return connection.prepareStatement("SELECT MAX(" + schema.globalIndexColumn() + ") FROM "
                + schema.domainEventTable() + " WHERE " + durable(schema));
    }

    /** The statement: the batch's range and the gaps, each read through the primary key, in log order. */
    static String sql(EventSchema schema, int gaps) {
        String select = "SELECT " + schema.trackedEventFields() + " FROM " + schema.domainEventTable() + " WHERE ";
        String index = schema.globalIndexColumn();
        return select + index + " > ? AND " + index + " <= ? AND " + durable(schema) + " UNION ALL " + select + index
                + " IN (" + String.join(",", Collections.nCopies(gaps, "?")) + ") AND " + durable(schema)
                + " ORDER BY " + index + " ASC";
    }

    /** The events after {@code globalIndex} (a batch's worth) and those at the gaps, in log order. */
    static PreparedStatement nextBatchAndGaps(
            Connection connection, EventSchema schema, long globalIndex, int batchSize, List<Long> gaps)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql(schema, gaps.size()));
        statement.setLong(1, globalIndex);
        statement.setLong(2, globalIndex + batchSize);
        for (int i = 0; i < gaps.size(); i++) {
            statement.setLong(i + 3, gaps.get(i));
        }
        return statement;
    }
}
