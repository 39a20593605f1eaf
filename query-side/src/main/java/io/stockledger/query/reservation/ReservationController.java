package io.stockledger.query.reservation;

import static io.stockledger.query.web.RequestParams.limit;
import static io.stockledger.query.web.RequestParams.optional;
import static io.stockledger.query.web.RequestParams.range;
import static io.stockledger.query.web.RequestParams.required;

import io.stockledger.api.common.ChannelId;
import io.stockledger.api.common.OrderReference;
import io.stockledger.api.common.ReservationId;
import io.stockledger.api.reservation.FindReservations;
import io.stockledger.api.reservation.GetReservation;
import io.stockledger.api.reservation.ReservationPage;
import io.stockledger.api.reservation.ReservationStatus;
import io.stockledger.api.reservation.ReservationView;
import io.stockledger.query.web.NotFound;
import io.stockledger.query.web.QueryAnswers;
import io.stockledger.query.web.ReadsProjection;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@ReadsProjection(ReservationProjection.PROCESSING_GROUP)
@RequestMapping("/api/v1/reservations")
@Tag(name = "Reservations", description = "Reservations as recorded: status, lines, shortfalls and expiry")
class ReservationController {

    private final QueryGateway queries;

    ReservationController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping
    @Operation(
            summary = "Find reservations",
            description = "Reservations ordered by reservation id, matching every given filter. The expiry window is"
                    + " half-open: expiresFrom inclusive, expiresTo exclusive; a rejected reservation has no expiry."
                    + " Pass the page's next value as after to get the following page.")
    ReservationPage find(
            @RequestParam(required = false) String orderReference,
            @RequestParam(required = false) String channel,
            @RequestParam(required = false) ReservationStatus status,
            @Parameter(description = "expiry, inclusive") @RequestParam(required = false) Instant expiresFrom,
            @Parameter(description = "expiry, exclusive") @RequestParam(required = false) Instant expiresTo,
            @Parameter(description = "cursor: the next value of the previous page") @RequestParam(required = false)
                    String after,
            @Parameter(description = "page size, 1 to 1000") @RequestParam(defaultValue = "100") int limit) {
        range("expiresFrom", expiresFrom, "expiresTo", expiresTo);
        FindReservations query = new FindReservations(
                optional("orderReference", orderReference, OrderReference::of),
                optional("channel", channel, ChannelId::of),
                status,
                expiresFrom,
                expiresTo,
                after == null || after.isEmpty() ? null : after,
                limit("limit", limit, FindReservations.MAX_LIMIT));
        return QueryAnswers.await(queries.query(query, ReservationPage.class));
    }

    @GetMapping("/{reservationId}")
    @Operation(
            summary = "Get one reservation",
            description = "Its status, expiry, per line what is still reserved, fulfilled, released and short, why a"
                    + " rejected one was refused, and the global event position it reflects.")
    ReservationView get(@PathVariable String reservationId) {
        ReservationId id = required("reservationId", reservationId, ReservationId::of);
        return QueryAnswers.await(
                        queries.query(new GetReservation(id), ResponseTypes.optionalInstanceOf(ReservationView.class)))
                .orElseThrow(
                        () -> new NotFound("reservation-not-found", "No reservation was ever placed with id " + id));
    }
}
