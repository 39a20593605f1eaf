package io.stockledger.query.eventlog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Path;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.NoOpEventUpcaster;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * The event store the projections read from. Events are written by the command side, in another process, into its
 * own database; this side only reads them, through Axon's JDBC storage engine over a separate connection pool. The
 * projections, and the tracking tokens that say how far each one got, live in the primary (projections) database.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class EventLogConfiguration {

    /** The same mapper the command side serializes events with; Axon picks the bean by this name. */
    @Bean
    ObjectMapper defaultAxonObjectMapper() {
        return JsonMapper.builder()
                .findAndAddModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    /**
     * The embedded event log: the command side's H2 event store, read through Axon's JDBC storage engine. Off in the
     * Axon Server mode ({@code axon.axonserver.enabled=true}), where Axon Server's own event store takes its place.
     */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    static class EmbeddedEventLog {

        @Bean(destroyMethod = "close")
        EventLogDatabase eventLogDatabase(
                EventLogProperties properties, @Value("${stockledger.data-dir}") Path dataDirectory) {
            return new EventLogDatabase(properties, dataDirectory);
        }

        @Bean
        EventStorageEngine eventStorageEngine(
                EventLogDatabase database,
                Serializer serializer,
                @Qualifier("eventSerializer") Serializer eventSerializer,
                Configuration configuration) {
            return new LedgerEventStorageEngine(JdbcEventStorageEngine.builder()
                    .connectionProvider(database::connection)
                    // Reads only, each a single statement: no transaction to coordinate with the projections database.
                    .transactionManager(NoTransactionManager.INSTANCE)
                    .schema(new EventSchema())
                    .eventSerializer(eventSerializer)
                    .snapshotSerializer(serializer)
                    .upcasterChain(configuration.upcasterChain()));
        }

        /** The same log read with no upcaster: events as recorded, for the hash chain. */
        @Bean(destroyMethod = "shutDown")
        RecordedEmbeddedEventLog recordedEventLog(
                EventLogDatabase database,
                Serializer serializer,
                @Qualifier("eventSerializer") Serializer eventSerializer,
                EventLogProperties properties) {
            EventStorageEngine engine = new LedgerEventStorageEngine(JdbcEventStorageEngine.builder()
                    .connectionProvider(database::connection)
                    .transactionManager(NoTransactionManager.INSTANCE)
                    .schema(new EventSchema())
                    .eventSerializer(eventSerializer)
                    .snapshotSerializer(serializer)
                    .upcasterChain(NoOpEventUpcaster.INSTANCE));
            return new RecordedEmbeddedEventLog(FanOutEventStore.builder()
                    .storageEngine(engine)
                    .fetchDelay(properties.fetchDelay())
                    .build());
        }

        /**
         * The command side appends events from another process and nothing notifies us, so the store polls:
         * {@code fetchDelay} is how long its reader waits before asking the database again once it has read
         * everything, which is the floor of the projections' lag. One reader serves every processor that keeps up
         * ({@link FanOutEventStore}).
         */
        @Bean(destroyMethod = "shutDown")
        FanOutEventStore eventStore(
                EventStorageEngine storageEngine, EventLogProperties properties, Configuration configuration) {
            return FanOutEventStore.builder()
                    .storageEngine(storageEngine)
                    .fetchDelay(properties.fetchDelay())
                    .messageMonitor(configuration.messageMonitor(FanOutEventStore.class, "eventStore"))
                    .build();
        }
    }

    /** The recorded event log of an embedded store: a second, upcaster-free event store over the same tables. */
    record RecordedEmbeddedEventLog(FanOutEventStore store) implements RecordedEventLog {
        @Override
        public StreamableMessageSource<TrackedEventMessage<?>> source() {
            return store;
        }

        @Override
        public StreamableMessageSource<TrackedEventMessage<?>> asStored() {
            return store.asStored();
        }

        void shutDown() {
            store.shutDown();
        }
    }

    /**
     * Every projection's processing group gets a tracking processor with one segment unless
     * {@code stockledger.projections.segments} names more (the Axon Server mode splits the positions). With one
     * segment the audit trail's rows
     * commit in the order the log delivers them, so a reader paging by global position never skips a row that
     * commits late. Tracking rather than pooled streaming: a pooled processor re-polls its source every 500 ms when
     * it has caught up unless the source signals new events, and the embedded event store gives no such signal; a
     * tracking processor waits on the store itself and wakes within its fetch delay (measured end to end: command
     * 2xx to audit entry readable, median 458 ms pooled). A new processor starts from the very beginning of the log
     * without asking the store where that is, so it also starts when the event tables do not exist yet. An event a
     * projection fails on is retried, never skipped.
     */
    @Bean
    ConfigurerModule projectionProcessors(
            ProjectionProperties properties,
            // The command-line chain verifier starts this application only to read the log: no processor runs.
            @Value("${stockledger.audit.verify-chain:false}") boolean verifyingTheChainOnly) {
        boolean autoStart = !verifyingTheChainOnly;
        return configurer -> configurer.eventProcessing(processing -> {
            processing
                    .registerTrackingEventProcessorConfiguration(
                            config -> processorConfiguration(properties, 1, autoStart))
                    .usingTrackingEventProcessors()
                    .registerDefaultListenerInvocationErrorHandler(config -> PropagatingErrorHandler.instance());
            properties
                    .segments()
                    .forEach((group, segments) -> processing.registerTrackingEventProcessorConfiguration(
                            group, config -> processorConfiguration(properties, segments, autoStart)));
        });
    }

    /**
     * With several instances (the Axon Server mode), a processing group split into segments is shared between them:
     * each instance claims at most {@code threads} segments of it, a claimed segment is processed by its owner alone
     * with its token committed beside the rows, and a segment whose owner stops renewing its claim is taken over by
     * another instance once the claim times out.
     */
    private static TrackingEventProcessorConfiguration processorConfiguration(
            ProjectionProperties properties, int segments, boolean autoStart) {
        return TrackingEventProcessorConfiguration.forParallelProcessing(properties.threads())
                .andBatchSize(properties.batchSize())
                .andInitialSegmentsCount(segments)
                .andInitialTrackingToken(source -> null)
                .andAutoStart(autoStart);
    }
}
