package io.stockledger.e2e;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Request bodies of {@code POST /api/v1/movements/{kind}}, with every common field filled in. */
final class MovementRequest {

    static final String SOURCE_SYSTEM = "WMS-E2E";

    private MovementRequest() {}

    /** A movement of {@code quantity} units at {@code sku}/{@code location}, occurring now, under a new id. */
    static ObjectNode of(String sku, String location, long quantity) {
        return of(newId(), sku, location, quantity, Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    static ObjectNode of(String movementId, String sku, String location, long quantity, Instant occurredAt) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("movementId", movementId);
        body.put("sku", sku);
        body.put("location", location);
        body.put("quantity", quantity);
        body.put("occurredAt", occurredAt.toString());
        body.put("sourceSystem", SOURCE_SYSTEM);
        ObjectNode reference = body.putObject("reference");
        reference.put("type", "ASN");
        reference.put("number", "DOC-" + movementId);
        return body;
    }

    static String newId() {
        return "mv-" + UUID.randomUUID();
    }

    /** A SKU no other test uses, so that tests sharing one ledger never see each other's positions. */
    static String newSku(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }
}
