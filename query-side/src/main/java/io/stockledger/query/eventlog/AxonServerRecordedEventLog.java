package io.stockledger.query.eventlog;

import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.axonframework.axonserver.connector.event.axon.AxonServerEventStore;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.NoOpEventUpcaster;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** On Axon Server, the recorded event log is a second, upcaster-free client of Axon Server's event store. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "true")
class AxonServerRecordedEventLog {

    @Bean
    RecordedEventLog recordedEventLog(
            AxonServerConfiguration configuration,
            AxonServerConnectionManager connections,
            Serializer serializer,
            @Qualifier("eventSerializer") Serializer eventSerializer) {
        AxonServerEventStore store = AxonServerEventStore.builder()
                .configuration(configuration)
                .platformConnectionManager(connections)
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(NoOpEventUpcaster.INSTANCE)
                // Axon 4.13 refuses to build the store without one; this log never reads snapshots anyway.
                .snapshotFilter(SnapshotFilter.allowAll())
                .build();
        return () -> store;
    }
}
