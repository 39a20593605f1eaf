package io.stockledger.api.stock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Quantity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.junit.jupiter.api.Test;

/**
 * A {@link StockDamaged} stored as revision 1 (a fixture serialized by the revision-1 class) reads as revision 2,
 * through the same upcast-and-deserialize path the event stores use.
 */
class StockDamagedUpcasterTest {

    private static final JacksonSerializer SERIALIZER = JacksonSerializer.builder()
            .objectMapper(JsonMapper.builder()
                    .findAndAddModules()
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .build())
            .build();

    @Test
    void readsARevisionOneDamageFromQuarantineAsTakenFromQuarantine() throws IOException {
        StockDamaged event = read(fixture(), "1");

        assertThat(event.source()).isEqualTo(DamageSource.QUARANTINE);
        assertThat(event.fromQuarantine()).isTrue();
        assertThat(event.positionId()).isEqualTo(PositionId.of("WIDGET-EA", "DC1"));
        assertThat(event.quantity()).isEqualTo(Quantity.of(3));
        assertThat(event.movement().movementId().value()).isEqualTo("dmg-0001");
        assertThat(event.after().damaged()).isEqualTo(Quantity.of(3));
        assertThat(event.change().quarantined()).isEqualTo(Quantity.of(-3));
    }

    @Test
    void readsARevisionOneDamageOfAvailableStockAsTakenFromAvailable() throws IOException {
        String available = fixture().replace("\"fromQuarantine\":true", "\"fromQuarantine\":false");

        assertThat(read(available, "1").source()).isEqualTo(DamageSource.AVAILABLE);
    }

    @Test
    void leavesRevisionTwoAsItIs() throws IOException {
        String revisionTwo = fixture().replace("\"fromQuarantine\":true", "\"source\":\"QUARANTINE\"");

        assertThat(read(revisionTwo, "2").source()).isEqualTo(DamageSource.QUARANTINE);
    }

    private static StockDamaged read(String payload, String revision) {
        DomainEventData<byte[]> stored = new GenericDomainEventEntry<>(
                "StockPosition",
                "WIDGET-EA@DC1",
                4,
                "event-1",
                Instant.parse("2026-03-02T09:31:12.345Z"),
                StockDamaged.class.getName(),
                revision,
                payload.getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));
        DomainEventStream events = EventStreamUtils.upcastAndDeserializeDomainEvents(
                Stream.of(stored), SERIALIZER, new EventUpcasterChain(new StockDamagedUpcaster()));
        DomainEventMessage<?> message = events.next();
        return (StockDamaged) message.getPayload();
    }

    private static String fixture() throws IOException {
        try (InputStream in =
                StockDamagedUpcasterTest.class.getResourceAsStream("/events/StockDamaged-revision-1.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }
}
