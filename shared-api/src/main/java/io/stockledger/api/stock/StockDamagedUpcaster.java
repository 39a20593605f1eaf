package io.stockledger.api.stock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Reads {@link StockDamaged} revision 1 ({@code "fromQuarantine": true|false}) as revision 2
 * ({@code "source": "QUARANTINE"|"AVAILABLE"}). Part of the event contract: every reader of the ledger's events (both
 * sides, and JVM services on Axon Server) registers it, so stored revision-1 events keep their meaning.
 */
public final class StockDamagedUpcaster extends SingleEventUpcaster {

    private static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(StockDamaged.class.getName(), "1");
    private static final SimpleSerializedType REVISION_2 = new SimpleSerializedType(StockDamaged.class.getName(), "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return REVISION_1.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(REVISION_2, JsonNode.class, payload -> {
            ObjectNode event = (ObjectNode) payload.deepCopy();
            boolean fromQuarantine = event.path("fromQuarantine").asBoolean(false);
            event.remove("fromQuarantine");
            event.put("source", (fromQuarantine ? DamageSource.QUARANTINE : DamageSource.AVAILABLE).name());
            return event;
        });
    }
}
