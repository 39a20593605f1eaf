package io.stockledger.query.reservation;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.stockledger.api.reservation.ReservationStatus;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reservations as gauges, from the projection: {@value #EXPIRING} (confirmed, expiring within the next
 * {@link #WINDOW}), {@value #OVERDUE} (confirmed and past their expiry: the command side's sweep has not expired them
 * yet, or the projection has not seen it) and {@value #EXPIRED} (expired, in all).
 */
@Component
class ReservationMeters {

    static final String EXPIRING = "stockledger.reservations.expiring";
    static final String OVERDUE = "stockledger.reservations.overdue";
    static final String EXPIRED = "stockledger.reservations.expired";
    static final Duration WINDOW = Duration.ofMinutes(15);

    private final JdbcClient jdbc;
    private final Clock clock;

    ReservationMeters(JdbcClient jdbc, Clock clock, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.clock = clock;
        Gauge.builder(EXPIRING, this, meters -> meters.confirmedExpiringBefore(WINDOW))
                .description("confirmed reservations expiring within 15 minutes")
                .register(registry);
        Gauge.builder(OVERDUE, this, meters -> meters.confirmedExpiringBefore(Duration.ZERO))
                .description("confirmed reservations past their expiry")
                .register(registry);
        Gauge.builder(EXPIRED, this, ReservationMeters::expired)
                .description("reservations that expired")
                .register(registry);
    }

    double confirmedExpiringBefore(Duration fromNow) {
        return jdbc.sql("SELECT COUNT(*) FROM reservation WHERE status = ? AND expires_at < ?")
                .param(ReservationStatus.CONFIRMED.name())
                .param(Timestamp.from(clock.instant().plus(fromNow)))
                .query(Long.class)
                .single();
    }

    double expired() {
        return jdbc.sql("SELECT COUNT(*) FROM reservation WHERE status = ?")
                .param(ReservationStatus.EXPIRED.name())
                .query(Long.class)
                .single();
    }
}
