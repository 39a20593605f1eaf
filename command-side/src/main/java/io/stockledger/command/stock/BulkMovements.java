package io.stockledger.command.stock;

import io.stockledger.command.platform.web.BulkItems;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ProblemDetail;

/** The body and the answer of {@code POST /api/v1/movements/bulk}. */
final class BulkMovements {

    /** The kinds an item may name, each the path segment of its single endpoint, with the request it is read as. */
    static final Map<String, Class<? extends MovementRequest>> KINDS = kinds();

    static final String REQUEST_EXAMPLE =
            """
            {"items": [
              {"kind": "receipts", "movementId": "RCPT-1001", "sku": "WIDGET-EA", "location": "DC1", "quantity": 10,
               "occurredAt": "2026-11-20T09:00:00Z", "sourceSystem": "wms-dc1",
               "reference": {"type": "ASN", "number": "4711"}, "unitCost": 4.20},
              {"kind": "shipments", "movementId": "SHIP-1001", "sku": "WIDGET-EA", "location": "DC1", "quantity": 50,
               "occurredAt": "2026-11-20T10:00:00Z", "sourceSystem": "wms-dc1",
               "reference": {"type": "ORDER", "number": "SO-1001"}}
            ]}""";

    static final String ANSWER_EXAMPLE =
            """
            {"items": [
              {"status": 201, "movement": {"movementId": "RCPT-1001", "type": "RECEIPT", "sku": "WIDGET-EA",
               "location": "DC1", "quantity": 10, "occurredAt": "2026-11-20T09:00:00Z",
               "recordedAt": "2026-11-20T09:00:01.250Z"}},
              {"status": 409, "problem": {"type": "urn:stockledger:problem:insufficient-available-stock",
               "title": "Insufficient available stock", "status": 409,
               "detail": "WIDGET-EA@DC1 has 10 available, 50 requested",
               "instance": "/api/v1/movements/bulk", "index": 1}}
            ],
            "recorded": 1, "refused": 1}""";

    private BulkMovements() {}

    private static Map<String, Class<? extends MovementRequest>> kinds() {
        Map<String, Class<? extends MovementRequest>> kinds = new LinkedHashMap<>();
        kinds.put("receipts", MovementRequest.Receipt.class);
        kinds.put("shipments", MovementRequest.Shipment.class);
        kinds.put("adjustments", MovementRequest.Adjustment.class);
        kinds.put("counts", MovementRequest.Count.class);
        kinds.put("quarantines", MovementRequest.Quarantine.class);
        kinds.put("quarantine-releases", MovementRequest.QuarantineRelease.class);
        kinds.put("damages", MovementRequest.Damage.class);
        kinds.put("write-offs", MovementRequest.WriteOff.class);
        kinds.put("transfers-out", MovementRequest.TransferOut.class);
        kinds.put("transfers-in", MovementRequest.TransferIn.class);
        kinds.put("returns", MovementRequest.Return.class);
        kinds.put("short-picks", MovementRequest.ShortPick.class);
        return Collections.unmodifiableMap(kinds);
    }

    /** The body, as the API description shows it (the items are read one by one, see {@link BulkItems}). */
    @Schema(name = "BulkMovementRequest", description = "Up to 1,000 movements, each with its kind.")
    record Request(
            @ArraySchema(
                            minItems = 1,
                            maxItems = BulkItems.MAX_ITEMS,
                            schema =
                                    @Schema(
                                            description = "The body of the single endpoint of its kind, plus \"kind\":"
                                                    + " that endpoint's path segment.",
                                            oneOf = {
                                                MovementRequest.Receipt.class,
                                                MovementRequest.Shipment.class,
                                                MovementRequest.Adjustment.class,
                                                MovementRequest.Count.class,
                                                MovementRequest.Quarantine.class,
                                                MovementRequest.QuarantineRelease.class,
                                                MovementRequest.Damage.class,
                                                MovementRequest.WriteOff.class,
                                                MovementRequest.TransferOut.class,
                                                MovementRequest.TransferIn.class,
                                                MovementRequest.Return.class,
                                                MovementRequest.ShortPick.class
                                            }))
                    List<Object> items) {}

    /** The answer for one item: the status its single post would have had, and its movement or its problem. */
    @Schema(name = "BulkMovementItemAnswer")
    record Item(
            @Schema(description = "201, or the 4xx of the problem.", example = "201") int status,
            @Schema(description = "The movement, as recorded (now, or before with the same content).")
                    RecordedMovement movement,
            @Schema(description = "Why the item was refused; its index is the item's place in the request.")
                    ProblemDetail problem) {

        static Item refused(ProblemDetail problem) {
            return new Item(problem.getStatus(), null, problem);
        }
    }

    @Schema(name = "BulkMovementAnswer")
    record Answer(
            @Schema(description = "One per item, in request order.") List<Item> items,
            @Schema(description = "Items answered 2xx: recorded now, or before with the same content.") int recorded,
            @Schema(description = "Items answered with a problem: nothing of them was recorded.") int refused) {

        static Answer of(List<Item> items) {
            int recorded = (int)
                    items.stream().filter(item -> item.status() / 100 == 2).count();
            return new Answer(items, recorded, items.size() - recorded);
        }
    }
}
