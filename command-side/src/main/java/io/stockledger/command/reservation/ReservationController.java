package io.stockledger.command.reservation;

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
import io.stockledger.command.platform.web.CorrelationIds;
import io.stockledger.command.platform.web.PrincipalResolver;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
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
import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reservations: {@code POST /api/v1/reservations} answers the final outcome at once, confirmed (201) or rejected
 * with a reason per line (409 {@code reservation-rejected}); placing an id again answers its current state. Its
 * releases, fulfilments and extensions answer the reservation's new state.
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
    private final Clock clock;
    private final Duration defaultTtl;

    ReservationController(
            CommandGateway commands,
            ReservationDesk desk,
            PrincipalResolver principals,
            Clock clock,
            @Value("${stockledger.reservations.default-ttl:PT15M}") Duration defaultTtl) {
        this.commands = commands;
        this.desk = desk;
        this.principals = principals;
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
        Instant now = clock.instant();
        Instant expiresAt = ReservationRequest.expiry(request.expiresAt(), request.ttlSeconds(), now, defaultTtl);
        OrderReference order = OrderReference.of(request.orderReference());
        Origin origin = origin(request.sourceSystem(), new ReferenceDocument("ORDER", order.value()), correlationId);
        ReservationAnswer answer = answer(GenericCommandMessage.asCommandMessage(new PlaceReservation(
                        ReservationId.of(request.reservationId()),
                        ChannelId.of(request.channel()),
                        order,
                        ReservationRequest.Line.toLines(request.lines()),
                        expiresAt,
                        origin))
                .andMetaData(Map.of(ReservationDesk.REQUESTED_AT, now.toString())));
        if (answer.status() == ReservationStatus.REJECTED) {
            throw new ReservationRejectedProblem(answer);
        }
        return ResponseEntity.created(URI.create("/api/v1/reservations/" + answer.reservationId()))
                .body(answer);
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
        ReservationId id = ReservationId.of(reservationId);
        return answer(new ReleaseReservation(
                id,
                ReservationRequest.Line.toLines(request == null ? null : request.lines()),
                origin(
                        sourceOf(request == null ? null : request.sourceSystem()),
                        reservationDocument(id),
                        correlationId)));
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
        ReservationId id = ReservationId.of(reservationId);
        ReferenceDocument reference = request.reference() == null
                ? reservationDocument(id)
                : request.reference().toDocument();
        Instant occurredAt = request.occurredAt() == null ? clock.instant() : request.occurredAt();
        MovementHeader shipment = new MovementHeader(
                MovementId.of(request.movementId()),
                occurredAt,
                null,
                origin(request.sourceSystem(), reference, correlationId));
        return answer(new FulfilReservation(id, ReservationRequest.Line.toLines(request.lines()), shipment));
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
        ReservationId id = ReservationId.of(reservationId);
        Instant expiresAt = ReservationRequest.expiry(request.expiresAt(), request.ttlSeconds(), clock.instant(), null);
        return answer(new ExtendReservation(
                id, expiresAt, origin(sourceOf(request.sourceSystem()), reservationDocument(id), correlationId)));
    }

    private ReservationAnswer answer(Object command) {
        ReservationState state = commands.sendAndWait(command);
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
