package io.stockledger.command.reservation;

import io.stockledger.command.platform.web.ApiProblem;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** A reservation that could not hold every line: the answer names each failing line and why. */
final class ReservationRejectedProblem extends ApiProblem {

    ReservationRejectedProblem(ReservationAnswer reservation) {
        super(
                HttpStatus.CONFLICT,
                "reservation-rejected",
                "Reservation rejected",
                "reservation %s holds nothing: %d of its %d lines cannot be reserved"
                        .formatted(
                                reservation.reservationId(),
                                reservation.rejections().size(),
                                reservation.lines().size()),
                Map.of("reservationId", reservation.reservationId(), "rejections", reservation.rejections()));
    }
}
