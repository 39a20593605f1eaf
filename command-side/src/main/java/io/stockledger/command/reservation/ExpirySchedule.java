package io.stockledger.command.reservation;

import io.stockledger.api.reservation.ReservationConfirmed;
import io.stockledger.api.reservation.ReservationExtended;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The persistent schedule of reservation expiries. A subscribing processor: the row is written in the same
 * transaction as the event that sets the expiry, so the two never disagree.
 */
@Component
@ProcessingGroup(ExpirySchedule.PROCESSING_GROUP)
class ExpirySchedule {

    static final String PROCESSING_GROUP = "reservation-expiry";

    private final JdbcClient jdbc;

    ExpirySchedule(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Axon's default for event handlers is to log failures and carry on; here a failure must fail the command. */
    @Autowired
    void propagateFailures(EventProcessingConfigurer processing) {
        processing.registerListenerInvocationErrorHandler(
                PROCESSING_GROUP, configuration -> PropagatingErrorHandler.instance());
    }

    @EventHandler
    void on(ReservationConfirmed event) {
        jdbc.sql("MERGE INTO reservation_expiry (reservation_id, expires_at) KEY (reservation_id) VALUES (?, ?)")
                .params(event.reservationId().value(), Timestamp.from(event.expiresAt()))
                .update();
    }

    @EventHandler
    void on(ReservationExtended event) {
        jdbc.sql("UPDATE reservation_expiry SET expires_at = ? WHERE reservation_id = ?")
                .params(Timestamp.from(event.expiresAt()), event.reservationId().value())
                .update();
    }

    /** Reservations whose expiry is at or before {@code now}, the earliest first. */
    List<String> dueAt(Instant now, int limit) {
        return jdbc.sql(
                        "SELECT reservation_id FROM reservation_expiry WHERE expires_at <= ? ORDER BY expires_at LIMIT ?")
                .params(Timestamp.from(now), limit)
                .query(String.class)
                .list();
    }

    /** Forgets an expiry that has been dealt with, unless it was extended meanwhile. */
    void done(String reservationId, Instant now) {
        jdbc.sql("DELETE FROM reservation_expiry WHERE reservation_id = ? AND expires_at <= ?")
                .params(reservationId, Timestamp.from(now))
                .update();
    }
}
