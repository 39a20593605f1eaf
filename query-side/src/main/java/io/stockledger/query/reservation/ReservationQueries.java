package io.stockledger.query.reservation;

import io.stockledger.api.common.Refusal;
import io.stockledger.api.common.ReservationId;
import io.stockledger.api.reservation.FindReservations;
import io.stockledger.api.reservation.GetReservation;
import io.stockledger.api.reservation.ReservationPage;
import io.stockledger.api.reservation.ReservationView;
import java.util.List;
import java.util.Optional;
import org.axonframework.queryhandling.QueryExecutionException;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/** Answers reservation queries from the reservations projection. */
@Component
class ReservationQueries {

    private final ReservationRows rows;

    ReservationQueries(ReservationRows rows) {
        this.rows = rows;
    }

    /** Empty for a reservation this projection has not seen placed. */
    @QueryHandler
    Optional<ReservationView> handle(GetReservation query) {
        return rows.find(query.reservationId().value());
    }

    /** The cursor is the reservation id of the last item of the previous page. */
    @QueryHandler
    ReservationPage handle(FindReservations query) {
        List<ReservationView> items = rows.find(query, cursor(query.after()), query.limit() + 1);
        if (items.size() <= query.limit()) {
            return new ReservationPage(items, null);
        }
        List<ReservationView> page = List.copyOf(items.subList(0, query.limit()));
        return new ReservationPage(page, page.get(page.size() - 1).reservationId());
    }

    private static String cursor(String after) {
        if (after == null) {
            return null;
        }
        try {
            return ReservationId.of(after).value();
        } catch (IllegalArgumentException e) {
            String detail = "after: not a cursor of this list (" + e.getMessage() + ")";
            throw new QueryExecutionException(detail, null, new Refusal("invalid-request", detail));
        }
    }
}
