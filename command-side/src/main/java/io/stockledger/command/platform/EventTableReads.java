package io.stockledger.command.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
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
                .build();
    }

    /** The statement: the batch's range and the gaps, each read through the primary key, in log order. */
    static String sql(EventSchema schema, int gaps) {
        String select = "SELECT " + schema.trackedEventFields() + " FROM " + schema.domainEventTable() + " WHERE ";
        String index = schema.globalIndexColumn();
        return select + index + " > ? AND " + index + " <= ? UNION ALL " + select + index + " IN ("
                + String.join(",", Collections.nCopies(gaps, "?")) + ") ORDER BY " + index + " ASC";
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
