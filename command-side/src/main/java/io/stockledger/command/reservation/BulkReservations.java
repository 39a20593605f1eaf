package io.stockledger.command.reservation;

import io.stockledger.api.common.ReservationId;
import io.stockledger.command.platform.web.BulkItems;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.ProblemDetail;

/** The body and the answer of {@code POST /api/v1/reservations/bulk}. */
final class BulkReservations {

    static final String PLACE = "place";
    static final String RELEASE = "release";
    static final String FULFIL = "fulfil";
    static final String EXTEND = "extend";

    /** What an item may ask for: a placement, or a release, fulfilment or extension of the reservation it names. */
    static final List<String> ACTIONS = List.of(PLACE, RELEASE, FULFIL, EXTEND);

    static final String REQUEST_EXAMPLE =
            """
            {"items": [
              {"action": "place", "reservationId": "R-1001", "channel": "web", "orderReference": "SO-1001",
               "sourceSystem": "webshop", "lines": [{"sku": "WIDGET-EA", "location": "DC1", "quantity": 2}]},
              {"action": "fulfil", "reservationId": "R-1001", "movementId": "SHIP-1001", "sourceSystem": "wms-dc1"},
              {"action": "release", "reservationId": "R-0999"}
            ]}""";

    static final String ANSWER_EXAMPLE =
            """
            {"items": [
              {"status": 201, "reservation": {"reservationId": "R-1001", "status": "CONFIRMED", "channel": "web",
               "orderReference": "SO-1001", "expiresAt": "2026-11-20T09:15:00Z",
               "lines": [{"sku": "WIDGET-EA", "location": "DC1", "requested": 2, "reserved": 2, "fulfilled": 0,
                          "released": 0, "backordered": 0}], "rejections": []}},
              {"status": 200, "reservation": {"reservationId": "R-1001", "status": "FULFILLED", "channel": "web",
               "orderReference": "SO-1001", "expiresAt": "2026-11-20T09:15:00Z",
               "lines": [{"sku": "WIDGET-EA", "location": "DC1", "requested": 2, "reserved": 0, "fulfilled": 2,
                          "released": 0, "backordered": 0}], "rejections": []}},
              {"status": 404, "problem": {"type": "urn:stockledger:problem:reservation-not-found",
               "title": "Reservation not found", "status": 404, "detail": "there is no reservation R-0999",
               "instance": "/api/v1/reservations/bulk", "index": 2}}
            ],
            "recorded": 2, "refused": 1}""";

    private BulkReservations() {}

    /** The reservation a release, fulfilment or extension item names, checked like the single endpoint's path. */
    record Target(@NotNull @Size(max = 64) @Pattern(regexp = ReservationId.PATTERN) String reservationId) {}

    /** The body, as the API description shows it (the items are read one by one, see {@link BulkItems}). */
    @Schema(
            name = "BulkReservationRequest",
            description = "Up to 1,000 reservation commands. Each item has an action: place (the body of POST"
                    + " /api/v1/reservations), or release, fulfil or extend (a reservationId and the body of POST"
                    + " /api/v1/reservations/{reservationId}/releases, /fulfilments or /extensions).")
    record Request(
            @ArraySchema(
                            minItems = 1,
                            maxItems = BulkItems.MAX_ITEMS,
                            schema =
                                    @Schema(
                                            description = "action (place, release, fulfil, extend), reservationId for"
                                                    + " the last three, and the body of the single endpoint.",
                                            oneOf = {
                                                ReservationRequest.Place.class,
                                                ReservationRequest.Release.class,
                                                ReservationRequest.Fulfil.class,
                                                ReservationRequest.Extend.class
                                            }))
                    List<Object> items) {}

    /** The answer for one item: the status its single request would have had, and the reservation or the problem. */
    @Schema(name = "BulkReservationItemAnswer")
    record Item(
            @Schema(
                            description = "201 for a placement, 200 for the others, or the 4xx of the problem.",
                            example = "201")
                    int status,
            @Schema(description = "The reservation after the item's command.") ReservationAnswer reservation,
            @Schema(
                            description =
                                    "Why the item was refused (a rejected placement: reservation-rejected with its"
                                            + " rejections); its index is the item's place in the request.")
                    ProblemDetail problem) {

        static Item refused(ProblemDetail problem) {
            return new Item(problem.getStatus(), null, problem);
        }
    }

    @Schema(name = "BulkReservationAnswer")
    record Answer(
            @Schema(description = "One per item, in request order.") List<Item> items,
            @Schema(description = "Items answered 2xx.") int recorded,
            @Schema(description = "Items answered with a problem.") int refused) {

        static Answer of(List<Item> items) {
            int recorded = (int)
                    items.stream().filter(item -> item.status() / 100 == 2).count();
            return new Answer(items, recorded, items.size() - recorded);
        }
    }
}
