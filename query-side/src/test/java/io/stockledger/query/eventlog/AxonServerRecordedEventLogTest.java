package io.stockledger.query.eventlog;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

/** The query side in the {@code axonserver} profile builds its recorded event log (building connects to nothing). */
class AxonServerRecordedEventLogTest {

    @Test
    void buildsTheRecordedEventLogOnAxonServer() {
        AxonServerConfiguration configuration = AxonServerConfiguration.builder()
                .servers("localhost:1")
                .componentName("recorded-event-log-test")
                .build();
        AxonServerConnectionManager connections = AxonServerConnectionManager.builder()
                .axonServerConfiguration(configuration)
                .build();
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();

        RecordedEventLog log =
                new AxonServerRecordedEventLog().recordedEventLog(configuration, connections, serializer, serializer);

        assertThat(log.source()).isNotNull();
        connections.shutdown();
    }
}
