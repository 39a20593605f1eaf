package io.stockledger.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.axoniq.axonserver.grpc.event.Event;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AxonServerEventsTest {

    private static final String PAYLOAD = "{\"movementId\":\"rcpt-1\",\"quantity\":5}";
    private final AxonServerEvents mapping = new AxonServerEvents(new ObjectMapper());

    @Test
    void keepsIdentifiersSequencePayloadAndTimestamp() {
        Event event = mapping.toAxonServer(stored("{\"correlationId\":\"po-1\"}"));

        assertThat(event.getMessageIdentifier()).isEqualTo("e-1");
        assertThat(event.getAggregateIdentifier()).isEqualTo("WIDGET@DC1");
        assertThat(event.getAggregateSequenceNumber()).isEqualTo(7);
        assertThat(event.getAggregateType()).isEqualTo("StockPosition");
        assertThat(event.getPayload().getType()).isEqualTo("io.stockledger.api.stock.StockReceived");
        assertThat(event.getPayload().getRevision()).isEqualTo("1");
        assertThat(event.getPayload().getData().toString(StandardCharsets.UTF_8))
                .isEqualTo(PAYLOAD);
        assertThat(event.getTimestamp())
                .isEqualTo(Instant.parse("2026-11-23T10:15:30.123Z").toEpochMilli());
        assertThat(event.getSnapshot()).isFalse();
    }

    @Test
    void keepsEachMetadataValueAsAxonFrameworkWouldSendIt() {
        Event event = mapping.toAxonServer(
                stored("{\"correlationId\":\"po-1\",\"attempt\":3,\"ratio\":0.5,\"replay\":true}"));

        assertThat(event.getMetaDataMap().get("correlationId").getTextValue()).isEqualTo("po-1");
        assertThat(event.getMetaDataMap().get("attempt").getNumberValue()).isEqualTo(3);
        assertThat(event.getMetaDataMap().get("ratio").getDoubleValue()).isEqualTo(0.5);
        assertThat(event.getMetaDataMap().get("replay").getBooleanValue()).isTrue();
    }

    @Test
    void anEventWithoutMetadataHasNone() {
        assertThat(mapping.toAxonServer(stored(null)).getMetaDataMap()).isEmpty();
    }

    @Test
    void cannotGuessTheJavaTypeOfStructuredMetadata() {
        assertThatThrownBy(() -> mapping.toAxonServer(stored("{\"origin\":{\"system\":\"wms\"}}")))
                .hasMessageContaining("'origin'")
                .hasMessageContaining("e-1");
    }

    private static StoredEvent stored(String metaData) {
        return new StoredEvent(
                42,
                "e-1",
                "WIDGET@DC1",
                7,
                "StockPosition",
                "2026-11-23T10:15:30.123456Z",
                "io.stockledger.api.stock.StockReceived",
                "1",
                PAYLOAD.getBytes(StandardCharsets.UTF_8),
                metaData == null ? null : metaData.getBytes(StandardCharsets.UTF_8));
    }
}
