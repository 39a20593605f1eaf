package io.stockledger.command.reservation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.stockledger.api.common.ChannelId;
import io.stockledger.api.common.CorrelationId;
import io.stockledger.api.common.MovementId;
import io.stockledger.api.common.OrderReference;
import io.stockledger.api.common.Origin;
import io.stockledger.api.common.ReferenceDocument;
import io.stockledger.api.common.ReservationId;
import io.stockledger.api.common.SourceSystem;
import io.stockledger.api.reservation.ExtendReservation;
import io.stockledger.api.reservation.FulfilReservation;
import io.stockledger.api.reservation.PlaceReservation;
import io.stockledger.api.reservation.ReleaseReservation;
import io.stockledger.api.reservation.ReservationState;
import io.stockledger.api.reservation.ReservationStatus;
import io.stockledger.api.stock.MovementHeader;
import io.stockledger.command.platform.web.BulkItems;
import io.stockledger.command.platform.web.CorrelationIds;
import io.stockledger.command.platform.web.PrincipalResolver;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Value;
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

/**
 * Reservations: {@code POST /api/v1/reservations} answers the final outcome at once, confirmed (201) or rejected
 * with a reason per line (409 {@code reservation-rejected}); placing an id again answers its current state. Its
 * releases, fulfilments and extensions answer the reservation's new state. {@code POST /api/v1/reservations/bulk}
 * takes up to {@value BulkItems#MAX_ITEMS} of these requests at once and answers each as its single request would be.
 */
@RestController
@RequestMapping("/api/v1/reservations")
@Tag(
        name = "Reservations",
        description = "Hold stock for orders, all or nothing, until fulfilled, released or expired.")
@ApiResponse(
        responseCode = "400",
        description = "The request is malformed or invalid",
        content =
                @Content(
                        mediaType = "application/problem+json",
                        schema = @Schema(implementation = ProblemDetail.class)))
class ReservationController {

    private final CommandGateway commands;
    private final ReservationDesk desk;
    private final PrincipalResolver principals;
    private final BulkItems bulk;
    private final Clock clock;
    private final Duration defaultTtl;

    ReservationController(
            CommandGateway commands,
            ReservationDesk desk,
            PrincipalResolver principals,
            BulkItems bulk,
            Clock clock,
            @Value("${stockledger.reservations.default-ttl:PT15M}") Duration defaultTtl) {
        this.commands = commands;
        this.desk = desk;
        this.principals = principals;
        this.bulk = bulk;
        this.clock = clock;
        this.defaultTtl = defaultTtl;
    }

    @PostMapping
    @Operation(
            summary = "Reserve every line for an order, all or nothing; answers the outcome",
            description = "Where the channel's policy allows backorders, a line beyond what the channel can reserve"
                    + " holds what stock there is and backorders the rest, up to the channel's limit per position;"
                    + " each line of the answer says how much is reserved and how much backordered.")
    @ApiResponse(responseCode = "201", description = "Confirmed (or the current state of an existing reservation)")
    @ApiResponse(
            responseCode = "409",
            description = "Rejected: reservation-rejected names every line that could not be reserved, with its"
                    + " reason (insufficient-available-stock, ring-fenced-for-other-channels,"
                    + " backorder-limit-exceeded)",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<ReservationAnswer> place(
            @Valid @RequestBody ReservationRequest.Place request,
            @RequestAttribute(CorrelationIds.ATTRIBUTE) CorrelationId correlationId) {
        ReservationAnswer answer = placed(answer(placing(request, correlationId)));
        return ResponseEntity.created(URI.create("/api/v1/reservations/" + answer.reservationId()))
                .body(answer);
    }

    @PostMapping(
            path = "/bulk",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Place, release, fulfil or extend up to 1,000 reservations in one request, each item on its own",
            description = "Items are applied in request order (a placement and then a fulfilment of the same"
                    + " reservation work in one request); each is idempotent by its own id (the reservation id of a"
                    + " placement, the movement id of a fulfilment), a reservation is still all or nothing across its"
                    + " lines, and an item that is refused changes nothing and does not affect the others. The answer"
                    + " holds one entry per item, in request order, with the status the single endpoint would have"
                    + " answered: 201 (placement) or 200 with the reservation, or a 4xx with the problem that endpoint"
                    + " would have answered (reservation-rejected with its rejections, reservation-not-found,"
                    + " reservation-not-active, malformed-request or invalid-request for an item that cannot be read"
                    + " or is not valid, concurrency-conflict, ...) and the item's index. recorded counts the items"
                    + " answered 2xx, refused the others.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                                            schema = @Schema(implementation = BulkReservations.Request.class),
                                            examples =
                                                    @ExampleObject(
                                                            name = "place, fulfil, release",
                                                            value = BulkReservations.REQUEST_EXAMPLE))))
    @ApiResponse(
            responseCode = "200",
            description = "Every item judged: its status and its reservation or problem, in request order.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = BulkReservations.Answer.class),
                            examples =
                                    @ExampleObject(
                                            name = "two done, one refused",
                                            value = BulkReservations.ANSWER_EXAMPLE)))
    @ApiResponse(
            responseCode = "413",
            description = "payload-too-large: the body exceeds the bulk limit (2 MiB by default).",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "415",
            description = "unsupported-media-type: the body is not application/json.",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ProblemDetail.class)))
    BulkReservations.Answer actOnAll(
            @RequestBody byte[] body,
            @RequestAttribute(CorrelationIds.ATTRIBUTE) CorrelationId correlationId,
            WebRequest request) {
        List<JsonNode> items = bulk.items(body, request);
        int size = items.size();
        BulkReservations.Item[] answers = new BulkReservations.Item[size];
        String[] actions = new String[size];
        List<CompletableFuture<ReservationState>> sent = new ArrayList<>(Collections.nCopies(size, null));
        for (int i = 0; i < size; i++) {
            try {
                JsonNode item = items.get(i);
                actions[i] = bulk.choice(item, "action", BulkReservations.ACTIONS);
                sent.set(i, commands.send(command(actions[i], item, correlationId)));
            } catch (RuntimeException refused) {
                answers[i] = BulkReservations.Item.refused(bulk.problem(i, refused, request));
            }
        }
        for (int i = 0; i < size; i++) {
            if (sent.get(i) == null) {
                continue;
            }
            try {
                ReservationAnswer answer = answerOf(BulkItems.result(sent.get(i)));
                answers[i] = BulkReservations.PLACE.equals(actions[i])
                        ? new BulkReservations.Item(HttpStatus.CREATED.value(), placed(answer), null)
                        : new BulkReservations.Item(HttpStatus.OK.value(), answer, null);
            } catch (RuntimeException refused) {
                answers[i] = BulkReservations.Item.refused(bulk.problem(i, refused, request));
            }
        }
        return BulkReservations.Answer.of(List.of(answers));
    }

    /** The command of one bulk item, read as the body of its single endpoint. */
    private Object command(String action, JsonNode item, CorrelationId correlationId) {
        if (BulkReservations.PLACE.equals(action)) {
            return placing(bulk.read(item, ReservationRequest.Place.class, "action"), correlationId);
        }
        ReservationId id = ReservationId.of(bulk.read(
                        JsonNodeFactory.instance.objectNode().set("reservationId", item.get("reservationId")),
                        BulkReservations.Target.class)
                .reservationId());
        return switch (action) {
            case BulkReservations.RELEASE -> releasing(
                    id, bulk.read(item, ReservationRequest.Release.class, "action", "reservationId"), correlationId);
            case BulkReservations.FULFIL -> fulfilling(
                    id, bulk.read(item, ReservationRequest.Fulfil.class, "action", "reservationId"), correlationId);
            case BulkReservations.EXTEND -> extending(
                    id, bulk.read(item, ReservationRequest.Extend.class, "action", "reservationId"), correlationId);
            default -> throw new IllegalArgumentException("action must be one of " + BulkReservations.ACTIONS);
        };
    }

    @GetMapping("/{reservationId}")
    @Operation(summary = "The reservation as the ledger holds it now (read from its aggregate: always current)")
    @ApiResponse(responseCode = "200", description = "The reservation")
    @ApiResponse(
            responseCode = "404",
            description = "reservation-not-found: there is no reservation with this id",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ProblemDetail.class)))
    ReservationAnswer get(@PathVariable @Size(max = 64) @Pattern(regexp = ReservationId.PATTERN) String reservationId) {
        return ReservationAnswer.of(desk.current(ReservationId.of(reservationId)));
    }

    @PostMapping("/{reservationId}/releases")
    @Operation(summary = "Give reserved units back: some lines, part of a line, or the whole reservation")
    @ApiResponse(responseCode = "200", description = "The reservation after the release")
    @ApiResponse(
            responseCode = "404",
            description = "reservation-not-found: there is no reservation with this id. Nothing is recorded.",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "409",
            description =
                    "reservation-not-active (already released, fulfilled or expired), unknown-reservation-line, insufficient-reserved-stock (more than the line holds). Nothing is recorded.",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ProblemDetail.class)))
    ReservationAnswer release(
            @PathVariable @Size(max = 64) @Pattern(regexp = ReservationId.PATTERN) String reservationId,
            @Valid @RequestBody(required = false) ReservationRequest.Release request,
            @RequestAttribute(CorrelationIds.ATTRIBUTE) CorrelationId correlationId) {
        return answer(releasing(ReservationId.of(reservationId), request, correlationId));
    }

    @PostMapping("/{reservationId}/fulfilments")
    @Operation(
            summary = "Ship reserved units: some lines, part of a line, or everything still held",
            description = "Only units covered by stock ship: without lines, backordered units stay held and wait for"
                    + " stock; naming more units of a line than are reserved there is refused with"
                    + " backorder-not-covered (409).")
    @ApiResponse(responseCode = "200", description = "The reservation after the shipment")
    @ApiResponse(
            responseCode = "404",
            description = "reservation-not-found: there is no reservation with this id. Nothing is recorded.",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "409",
            description =
                    "reservation-not-active, unknown-reservation-line, insufficient-reserved-stock, backorder-not-covered (more units than stock covers), movement-id-conflict (the shipment id was recorded with other content). Nothing is recorded.",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ProblemDetail.class)))
    ReservationAnswer fulfil(
            @PathVariable @Size(max = 64) @Pattern(regexp = ReservationId.PATTERN) String reservationId,
            @Valid @RequestBody ReservationRequest.Fulfil request,
            @RequestAttribute(CorrelationIds.ATTRIBUTE) CorrelationId correlationId) {
        return answer(fulfilling(ReservationId.of(reservationId), request, correlationId));
    }

    @PostMapping("/{reservationId}/extensions")
    @Operation(summary = "Move a confirmed reservation's expiry later")
    @ApiResponse(responseCode = "200", description = "The reservation with its new expiry")
    @ApiResponse(
            responseCode = "404",
            description = "reservation-not-found: there is no reservation with this id. Nothing is recorded.",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "409",
            description = "reservation-not-active, invalid-expiry (not after the current expiry). Nothing is recorded.",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ProblemDetail.class)))
    ReservationAnswer extend(
            @PathVariable @Size(max = 64) @Pattern(regexp = ReservationId.PATTERN) String reservationId,
            @Valid @RequestBody ReservationRequest.Extend request,
            @RequestAttribute(CorrelationIds.ATTRIBUTE) CorrelationId correlationId) {
        return answer(extending(ReservationId.of(reservationId), request, correlationId));
    }

    private CommandMessage<?> placing(ReservationRequest.Place request, CorrelationId correlationId) {
        Instant now = clock.instant();
        Instant expiresAt = ReservationRequest.expiry(request.expiresAt(), request.ttlSeconds(), now, defaultTtl);
        OrderReference order = OrderReference.of(request.orderReference());
        Origin origin = origin(request.sourceSystem(), new ReferenceDocument("ORDER", order.value()), correlationId);
        return GenericCommandMessage.asCommandMessage(new PlaceReservation(
                        ReservationId.of(request.reservationId()),
                        ChannelId.of(request.channel()),
                        order,
                        ReservationRequest.Line.toLines(request.lines()),
                        expiresAt,
                        origin))
                .andMetaData(Map.of(ReservationDesk.REQUESTED_AT, now.toString()));
    }

    /** A placement answers its outcome; a rejected one is a problem naming every line that could not be held. */
    private static ReservationAnswer placed(ReservationAnswer answer) {
        if (answer.status() == ReservationStatus.REJECTED) {
            throw new ReservationRejectedProblem(answer);
        }
        return answer;
    }

    private ReleaseReservation releasing(
            ReservationId id, ReservationRequest.Release request, CorrelationId correlationId) {
        return new ReleaseReservation(
                id,
                ReservationRequest.Line.toLines(request == null ? null : request.lines()),
                origin(
                        sourceOf(request == null ? null : request.sourceSystem()),
                        reservationDocument(id),
                        correlationId));
    }

    private FulfilReservation fulfilling(
            ReservationId id, ReservationRequest.Fulfil request, CorrelationId correlationId) {
        ReferenceDocument reference = request.reference() == null
                ? reservationDocument(id)
                : request.reference().toDocument();
        Instant occurredAt = request.occurredAt() == null ? clock.instant() : request.occurredAt();
        MovementHeader shipment = new MovementHeader(
                MovementId.of(request.movementId()),
                occurredAt,
                null,
                origin(request.sourceSystem(), reference, correlationId));
        return new FulfilReservation(id, ReservationRequest.Line.toLines(request.lines()), shipment);
    }

    private ExtendReservation extending(
            ReservationId id, ReservationRequest.Extend request, CorrelationId correlationId) {
        Instant expiresAt = ReservationRequest.expiry(request.expiresAt(), request.ttlSeconds(), clock.instant(), null);
        return new ExtendReservation(
                id, expiresAt, origin(sourceOf(request.sourceSystem()), reservationDocument(id), correlationId));
    }

    private ReservationAnswer answer(Object command) {
        return answerOf(commands.sendAndWait(command));
    }

    /** The command's answer already holds each line's backorders, read in its own unit of work. */
    private ReservationAnswer answerOf(ReservationState state) {
        return ReservationAnswer.of(state);
    }

    private Origin origin(String sourceSystem, ReferenceDocument reference, CorrelationId correlationId) {
        return new Origin(SourceSystem.of(sourceSystem), reference, principals.current(), correlationId);
    }

    /** Releases and extensions may name their source system; without one they are recorded as the API's. */
    private static String sourceOf(String sourceSystem) {
        return sourceSystem == null ? "api" : sourceSystem;
    }

    private static ReferenceDocument reservationDocument(ReservationId id) {
        return new ReferenceDocument("RESERVATION", id.value());
    }
}
