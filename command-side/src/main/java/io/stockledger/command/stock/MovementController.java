package io.stockledger.command.stock;

import com.fasterxml.jackson.databind.JsonNode;
import io.stockledger.api.common.CorrelationId;
import io.stockledger.api.common.MovementId;
import io.stockledger.command.platform.web.BulkItems;
import io.stockledger.command.platform.web.CorrelationIds;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The movements of the brief, one resource per kind: {@code POST /api/v1/movements/{kind}} records one, and
 * {@code GET /api/v1/movements/{movementId}} answers what was recorded. Posting a movement id again with the
 * same content answers like the first time and records nothing. {@code POST /api/v1/movements/bulk} records up to
 * {@value BulkItems#MAX_ITEMS} movements of any kinds in one request, each answered as its single post would be.
 */
@RestController
@RequestMapping(path = "/api/v1/movements", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Movements", description = "Record stock movements; every movement id is recorded at most once.")
class MovementController {

    private final MovementRecorder recorder;
    private final BulkItems bulk;

    MovementController(MovementRecorder recorder, BulkItems bulk) {
        this.recorder = recorder;
        this.bulk = bulk;
    }

    @PostMapping("/receipts")
    @Operation(summary = "Record a receipt: units arrive at a location, optionally with their unit cost")
    @RecordsMovement
    ResponseEntity<RecordedMovement> receive(
            @Valid @RequestBody MovementRequest.Receipt request,
            @RequestAttribute(CorrelationIds.ATTRIBUTE) CorrelationId correlationId) {
        return created(recorder.record(request, correlationId));
    }

    @PostMapping("/shipments")
    @Operation(summary = "Record a shipment of unreserved units: only available stock may leave")
    @RecordsMovement
    ResponseEntity<RecordedMovement> ship(
            @Valid @RequestBody MovementRequest.Shipment request,
            @RequestAttribute(CorrelationIds.ATTRIBUTE) CorrelationId correlationId) {
        return created(recorder.record(request, correlationId));
    }

    @PostMapping("/adjustments")
    @Operation(summary = "Record an adjustment: on hand changes by a signed quantity, for a reason")
    @RecordsMovement
    ResponseEntity<RecordedMovement> adjust(
            @Valid @RequestBody MovementRequest.Adjustment request,
            @RequestAttribute(CorrelationIds.ATTRIBUTE) CorrelationId correlationId) {
        return created(recorder.record(request, correlationId));
    }

    @PostMapping("/counts")
    @Operation(summary = "Record a physical count: on hand is set to the counted figure at its business time")
    @RecordsMovement
    ResponseEntity<RecordedMovement> count(
            @Valid @RequestBody MovementRequest.Count request,
            @RequestAttribute(CorrelationIds.ATTRIBUTE) CorrelationId correlationId) {
        return created(recorder.record(request, correlationId));
    }

    @PostMapping("/quarantines")
    @Operation(summary = "Put available units in quarantine")
    @RecordsMovement
    ResponseEntity<RecordedMovement> quarantine(
            @Valid @RequestBody MovementRequest.Quarantine request,
            @RequestAttribute(CorrelationIds.ATTRIBUTE) CorrelationId correlationId) {
        return created(recorder.record(request, correlationId));
    }

    @PostMapping("/quarantine-releases")
    @Operation(summary = "Release quarantined units back to available stock")
    @RecordsMovement
    ResponseEntity<RecordedMovement> releaseFromQuarantine(
            @Valid @RequestBody MovementRequest.QuarantineRelease request,
            @RequestAttribute(CorrelationIds.ATTRIBUTE) CorrelationId correlationId) {
        return created(recorder.record(request, correlationId));
    }

    @PostMapping("/damages")
    @Operation(summary = "Record damaged units, from available stock or from quarantine")
    @RecordsMovement
    ResponseEntity<RecordedMovement> damage(
            @Valid @RequestBody MovementRequest.Damage request,
            @RequestAttribute(CorrelationIds.ATTRIBUTE) CorrelationId correlationId) {
        return created(recorder.record(request, correlationId));
    }

    @PostMapping("/write-offs")
    @Operation(summary = "Write off damaged units: they leave on hand")
    @RecordsMovement
    ResponseEntity<RecordedMovement> writeOff(
            @Valid @RequestBody MovementRequest.WriteOff request,
            @RequestAttribute(CorrelationIds.ATTRIBUTE) CorrelationId correlationId) {
        return created(recorder.record(request, correlationId));
    }

    @PostMapping("/transfers-out")
    @Operation(summary = "Transfer available units out to another location, where they are in transit until received")
    @RecordsMovement
    ResponseEntity<RecordedMovement> transferOut(
            @Valid @RequestBody MovementRequest.TransferOut request,
            @RequestAttribute(CorrelationIds.ATTRIBUTE) CorrelationId correlationId) {
        return created(recorder.record(request, correlationId));
    }

    @PostMapping("/transfers-in")
    @Operation(summary = "Receive units of a transfer in transit to this location")
    @RecordsMovement
    ResponseEntity<RecordedMovement> transferIn(
            @Valid @RequestBody MovementRequest.TransferIn request,
            @RequestAttribute(CorrelationIds.ATTRIBUTE) CorrelationId correlationId) {
        return created(recorder.record(request, correlationId));
    }

    @PostMapping("/returns")
    @Operation(summary = "Take back a customer return, to stock or to quarantine")
    @RecordsMovement
    ResponseEntity<RecordedMovement> takeBack(
            @Valid @RequestBody MovementRequest.Return request,
            @RequestAttribute(CorrelationIds.ATTRIBUTE) CorrelationId correlationId) {
        return created(recorder.record(request, correlationId));
    }

    @PostMapping("/short-picks")
    @Operation(summary = "Report a short pick: units the warehouse could not find")
    @RecordsMovement
    ResponseEntity<RecordedMovement> reportShortPick(
            @Valid @RequestBody MovementRequest.ShortPick request,
            @RequestAttribute(CorrelationIds.ATTRIBUTE) CorrelationId correlationId) {
        return created(recorder.record(request, correlationId));
    }

    @PostMapping(path = "/bulk", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Record up to 1,000 movements of any kinds in one request, each judged and answered on its own",
            description = "Each item is the body of the single endpoint of its kind plus \"kind\", that endpoint's"
                    + " path segment (receipts, shipments, adjustments, counts, quarantines, quarantine-releases,"
                    + " damages, write-offs, transfers-out, transfers-in, returns, short-picks). Items are applied in"
                    + " request order; each is idempotent by its own movement id, and one that is refused changes"
                    + " nothing and does not affect the others. The answer holds one entry per item, in request"
                    + " order, with the status the single endpoint would have answered: 201 and the movement"
                    + " (recorded now, or before with the same content), or a 4xx and the problem that endpoint"
                    + " would have answered (movement-id-conflict, insufficient-available-stock, ..., and"
                    + " malformed-request or invalid-request for an item that cannot be read or is not valid,"
                    + " concurrency-conflict when it kept losing races), with the item's index."
                    + " recorded counts the items answered 2xx, refused the others.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                                            schema = @Schema(implementation = BulkMovements.Request.class),
                                            examples =
                                                    @ExampleObject(
                                                            name = "a receipt and a shipment",
                                                            value = BulkMovements.REQUEST_EXAMPLE))))
    @ApiResponse(
            responseCode = "200",
            description = "Every item judged: its status and its movement or problem, in request order.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = BulkMovements.Answer.class),
                            examples =
                                    @ExampleObject(
                                            name = "one recorded, one refused",
                                            value = BulkMovements.ANSWER_EXAMPLE)))
    @ApiResponse(
            responseCode = "400",
            description = "The request as a whole, nothing recorded: malformed-request (not JSON, not an object with"
                    + " items) or invalid-request (no items, more than 1,000, or an invalid"
                    + " X-Book-Into-Open-Period). An item that is malformed or invalid is answered in its place.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "413",
            description = "payload-too-large: the body exceeds the bulk limit (2 MiB by default).",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "415",
            description = "unsupported-media-type: the body is not application/json.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    BulkMovements.Answer recordAll(
            @RequestBody byte[] body,
            @RequestAttribute(CorrelationIds.ATTRIBUTE) CorrelationId correlationId,
            WebRequest request) {
        List<JsonNode> items = bulk.items(body, request);
        List<Supplier<MovementRequest>> requests = items.stream()
                .<Supplier<MovementRequest>>map(item -> () -> bulk.read(
                        item, BulkMovements.KINDS.get(bulk.choice(item, "kind", BulkMovements.KINDS.keySet())), "kind"))
                .toList();
        List<MovementRecorder.Outcome> outcomes = recorder.recordAll(requests, correlationId);
        List<BulkMovements.Item> answers = new ArrayList<>(outcomes.size());
        for (int i = 0; i < outcomes.size(); i++) {
            MovementRecorder.Outcome outcome = outcomes.get(i);
            answers.add(
                    outcome.refusal() == null
                            ? new BulkMovements.Item(HttpStatus.CREATED.value(), outcome.movement(), null)
                            : BulkMovements.Item.refused(bulk.problem(i, outcome.refusal(), request)));
        }
        return BulkMovements.Answer.of(answers);
    }

    @GetMapping("/{movementId}")
    @Operation(summary = "Look up a recorded movement by its id")
    @ApiResponse(
            responseCode = "200",
            description = "The movement, as answered when it was recorded.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = RecordedMovement.class)))
    @ApiResponse(
            responseCode = "400",
            description = "invalid-request: not a movement id.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "404",
            description = "movement-not-found: no movement has this id.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    RecordedMovement lookUp(@PathVariable @Size(max = 100) @Pattern(regexp = MovementId.PATTERN) String movementId) {
        return recorder.find(MovementId.of(movementId));
    }

    private static ResponseEntity<RecordedMovement> created(RecordedMovement movement) {
        return ResponseEntity.created(UriComponentsBuilder.fromPath("/api/v1/movements/{movementId}")
                        .buildAndExpand(movement.movementId())
                        .encode()
                        .toUri())
                .body(movement);
    }

    /** The answers of every movement post, for the API description. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(
            responseCode = "201",
            description = "Recorded; or recorded before with the same content, and answered exactly as then.",
            headers = @Header(name = "Location", description = "/api/v1/movements/{movementId}"),
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = RecordedMovement.class)))
    @ApiResponse(
            responseCode = "400",
            description = "malformed-request (not JSON, unknown property, wrong type) or invalid-request (a value"
                    + " missing, out of range or not allowed).",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "409",
            description = "movement-id-conflict (the id was recorded with other content), or a ledger rule refused"
                    + " the movement: insufficient-available-stock, negative-on-hand, insufficient-held-stock,"
                    + " held-stock-exceeds-on-hand, on-hand-mismatch, transfer-not-in-transit, period-closed (dated inside"
                    + " a closed ledger period: send the header X-Book-Into-Open-Period: true to book it into the"
                    + " first open period, its business time kept). Nothing is recorded.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "413",
            description = "payload-too-large: the body exceeds the limit (64 KiB by default).",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "415",
            description = "unsupported-media-type: the body is not application/json.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    @interface RecordsMovement {}
}
