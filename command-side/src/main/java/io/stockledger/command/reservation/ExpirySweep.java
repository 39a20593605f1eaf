package io.stockledger.command.reservation;

import io.stockledger.api.common.ReservationId;
import io.stockledger.api.reservation.ExpireReservation;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Expires every reservation whose expiry has passed, a few times a second, from the {@link ExpirySchedule}.
 * Expiring is idempotent (a reservation that holds nothing, or was extended, is left alone), so a sweep that
 * runs twice, or on two instances, does no harm; one that did not run while the ledger was down catches up on
 * start-up.
 *
 * <p>A sweep expires several reservations at a time ({@code stockledger.reservations.expiry-threads}), each in a
 * command and transaction of its own, and waits for all of them before the next sweep. One at a time, expiries
 * fell behind under load: every command waits its turn for the store's commit, and beside sixteen busy clients a
 * single sweeping thread fell behind the distributor day by 7 to 10 expiries a second.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ExpirySweep implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ExpirySweep.class);
    private static final int BATCH = 500;

    private final ExpirySchedule schedule;
    private final CommandGateway commands;
    private final Clock clock;
    private final ExecutorService expiring;

    ExpirySweep(
            ExpirySchedule schedule,
            CommandGateway commands,
            Clock clock,
            @Value("${stockledger.reservations.expiry-threads:4}") int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException(
                    "stockledger.reservations.expiry-threads must be at least 1, not " + threads);
        }
        this.schedule = schedule;
        this.commands = commands;
        this.clock = clock;
        this.expiring = Executors.newFixedThreadPool(threads, new CustomizableThreadFactory("expiry-"));
    }

    @Scheduled(
            initialDelayString = "${stockledger.reservations.expiry-sweep-ms:200}",
            fixedDelayString = "${stockledger.reservations.expiry-sweep-ms:200}")
    void sweep() {
        Instant now = clock.instant();
        List<String> due = schedule.dueAt(now, BATCH);
        CompletableFuture.allOf(due.stream()
                        .map(reservationId -> CompletableFuture.runAsync(() -> expire(reservationId, now), expiring))
                        .toArray(CompletableFuture[]::new))
                .join();
    }

    private void expire(String reservationId, Instant now) {
        try {
            commands.sendAndWait(new ExpireReservation(ReservationId.of(reservationId)));
            schedule.done(reservationId, now);
        } catch (RuntimeException e) {
            log.warn("Could not expire reservation {}; the next sweep tries again", reservationId, e);
        }
    }

    /**
     * Lets the expiries under way finish rather than interrupting them: an interrupt during a write of the embedded
     * store closes its file.
     */
    @Override
    public void destroy() throws InterruptedException {
        expiring.shutdown();
        if (!expiring.awaitTermination(30, TimeUnit.SECONDS)) {
            log.warn("expiries still running after 30 s; stopping anyway");
        }
    }
}
