package io.stockledger.command.reservation;

import io.stockledger.api.common.ReservationId;
import io.stockledger.api.reservation.ExpireReservation;
import java.time.Clock;
import java.time.Instant;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Expires every reservation whose expiry has passed, a few times a second, from the {@link ExpirySchedule}.
 * Expiring is idempotent (a reservation that holds nothing, or was extended, is left alone), so a sweep that
 * runs twice, or on two instances, does no harm; one that did not run while the ledger was down catches up on
 * start-up.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ExpirySweep {

    private static final Logger log = LoggerFactory.getLogger(ExpirySweep.class);
    private static final int BATCH = 500;

    private final ExpirySchedule schedule;
    private final CommandGateway commands;
    private final Clock clock;

    ExpirySweep(ExpirySchedule schedule, CommandGateway commands, Clock clock) {
        this.schedule = schedule;
        this.commands = commands;
        this.clock = clock;
    }

    @Scheduled(
            initialDelayString = "${stockledger.reservations.expiry-sweep-ms:200}",
            fixedDelayString = "${stockledger.reservations.expiry-sweep-ms:200}")
    void sweep() {
        Instant now = clock.instant();
        for (String reservationId : schedule.dueAt(now, BATCH)) {
            try {
                commands.sendAndWait(new ExpireReservation(ReservationId.of(reservationId)));
                schedule.done(reservationId, now);
            } catch (RuntimeException e) {
                log.warn("Could not expire reservation {}; the next sweep tries again", reservationId, e);
            }
        }
    }
}
