package io.stockledger.command.stock;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockledger.api.stock.DamageSource;
import io.stockledger.api.stock.StockDamaged;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Stream;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * The command side sources aggregates from old event revisions in their current shape: its upcaster chain turns a
 * stored {@code StockDamaged} revision 1 (a fixture serialized by the revision-1 class) into revision 2.
 */
class OldEventRevisionsTest extends MovementApiTestSupport {

    @Autowired
    Configuration axon;

    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;

    @Test
    void readsAStoredRevisionOneDamageAsTakenFromQuarantine() throws IOException {
        byte[] stored;
        try (InputStream in = getClass().getResourceAsStream("/events/StockDamaged-revision-1.json")) {
            stored = in.readAllBytes();
        }
        var entry = new GenericDomainEventEntry<>(
                "StockPosition",
                "WIDGET-EA@DC1",
                4,
                "event-1",
                Instant.parse("2026-03-02T09:31:12.345Z"),
                StockDamaged.class.getName(),
                "1",
                stored,
                "{}".getBytes(StandardCharsets.UTF_8));

        StockDamaged event = (StockDamaged) EventStreamUtils.upcastAndDeserializeDomainEvents(
                        Stream.of(entry), eventSerializer, axon.upcasterChain())
                .next()
                .getPayload();

        assertThat(event.source()).isEqualTo(DamageSource.QUARANTINE);
    }
}
