package io.stockledger.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.stockledger.api.stock.StockReceived;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedMessage;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

/**
 * A link depends on what an event says, not on which store delivered it: Axon hands a stored event's original bytes
 * back only to the serializer instance that read it, so the embedded log and Axon Server (whose connector wraps the
 * serializer) would otherwise hash an event stored in a non-canonical form differently.
 */
class ChainContentTest {

    /** A receipt as a script wrote it straight into the store: recordedAt with trailing zeros, as Java never writes. */
    private static final String STORED_PAYLOAD =
            "{\"positionId\":\"SYN-1000@DC9\",\"movement\":{\"movementId\":\"syn-rcv-1000\","
                    + "\"type\":\"RECEIPT\",\"occurredAt\":\"2026-11-02T00:00:00Z\",\"recordedAt\":\"2026-11-23T16:05:40.001000Z\","
                    + "\"reason\":null,\"origin\":{\"sourceSystem\":\"syn\",\"reference\":{\"type\":\"ASN\",\"number\":\"SYN-1000\"},"
                    + "\"principal\":\"anonymous\",\"correlationId\":\"syn-1000\"}},\"quantity\":1,\"unitCost\":null,"
                    + "\"after\":{\"onHand\":1,\"reserved\":0,\"quarantined\":0,\"damaged\":0,\"inTransit\":0}}";

    private final Serializer chainSerializer = serializer();
    private final ChainContent content = new ChainContent(chainSerializer);

    @Test
    void hashesAnEventTheSameWhetherItsOwnSerializerOrAnotherDeliveredIt() {
        String embedded = content.hash(stored(STORED_PAYLOAD, chainSerializer));
        String axonServer = content.hash(stored(STORED_PAYLOAD, serializer()));

        assertThat(axonServer).isEqualTo(embedded);
    }

    @Test
    void hashesEquivalentBytesAlikeAndAChangedQuantityDifferently() {
        String stored = content.hash(stored(STORED_PAYLOAD, chainSerializer));

        assertThat(content.hash(stored(STORED_PAYLOAD.replace(".001000Z", ".001Z"), chainSerializer)))
                .isEqualTo(stored);
        assertThat(content.hash(stored(STORED_PAYLOAD.replace("\"quantity\":1", "\"quantity\":2"), chainSerializer)))
                .isNotEqualTo(stored);
    }

    private static DomainEventMessage<?> stored(String payload, Serializer readBy) {
        var message = new SerializedMessage<>(
                "2d84b7bb-16fe-494f-92fa-ee9612813ea0",
                new SimpleSerializedObject<>(
                        payload.getBytes(StandardCharsets.UTF_8), byte[].class, StockReceived.class.getName(), "1"),
                new SimpleSerializedObject<>(
                        "{\"correlationId\":\"syn-1000\",\"traceId\":\"syn-1000\"}".getBytes(StandardCharsets.UTF_8),
                        byte[].class,
                        MetaData.class.getName(),
                        null),
                readBy);
        return new GenericDomainEventMessage<>(
                "StockPosition", "SYN-1000@DC9", 0, message, () -> Instant.parse("2026-11-23T16:05:40.001Z"));
    }

    private static Serializer serializer() {
        return JacksonSerializer.builder()
                .objectMapper(JsonMapper.builder()
                        .findAndAddModules()
                        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                        .build())
                .build();
    }
}
