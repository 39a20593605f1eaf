package io.stockledger.command.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.stockledger.api.common.ReservationId;
import io.stockledger.api.reservation.ExpireReservation;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sweep itself, apart from the ledger: what it sends, what it marks done, and how many at a time. */
class ExpirySweepTest {

    private static final Instant NOW = Instant.parse("2026-05-04T10:00:00Z");

    private final ExpirySchedule schedule = mock(ExpirySchedule.class);
    private final CommandGateway commands = mock(CommandGateway.class);
    private ExpirySweep sweep;

    @AfterEach
    void stopSweep() throws InterruptedException {
        if (sweep != null) {
            sweep.destroy();
        }
    }

    @Test
    void expiresSeveralReservationsAtATime() {
        when(schedule.dueAt(NOW, 500)).thenReturn(List.of("R-1", "R-2", "R-3", "R-4"));
        CountDownLatch allUnderWay = new CountDownLatch(4);
        when(commands.sendAndWait(any())).thenAnswer(call -> {
            allUnderWay.countDown();
            // one at a time, the first expiry would wait here for the other three in vain
            if (!allUnderWay.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other expiries did not start meanwhile");
            }
            return null;
        });
        sweep = new ExpirySweep(schedule, commands, Clock.fixed(NOW, ZoneOffset.UTC), 4);

        sweep.sweep();

        for (String reservation : List.of("R-1", "R-2", "R-3", "R-4")) {
            verify(commands).sendAndWait(new ExpireReservation(ReservationId.of(reservation)));
            verify(schedule).done(reservation, NOW);
        }
    }

    @Test
    void returnsOnlyOnceEveryExpiryOfTheSweepIsDone() {
        when(schedule.dueAt(NOW, 500)).thenReturn(List.of("R-1", "R-2", "R-3", "R-4", "R-5", "R-6"));
        Set<String> done = ConcurrentHashMap.newKeySet();
        when(commands.sendAndWait(any())).thenAnswer(call -> {
            Thread.sleep(50);
            done.add(call.<ExpireReservation>getArgument(0).reservationId().value());
            return null;
        });
        sweep = new ExpirySweep(schedule, commands, Clock.fixed(NOW, ZoneOffset.UTC), 2);

        sweep.sweep();

        assertThat(done).containsExactlyInAnyOrder("R-1", "R-2", "R-3", "R-4", "R-5", "R-6");
    }

    @Test
    void leavesAReservationItCouldNotExpireForTheNextSweep() {
        when(schedule.dueAt(any(), anyInt())).thenReturn(List.of("R-1", "R-2"));
        when(commands.sendAndWait(new ExpireReservation(ReservationId.of("R-1"))))
                .thenThrow(new IllegalStateException("the store is down"));
        sweep = new ExpirySweep(schedule, commands, Clock.fixed(NOW, ZoneOffset.UTC), 4);

        sweep.sweep();

        verify(schedule, never()).done("R-1", NOW);
        verify(schedule).done("R-2", NOW);
    }

    @Test
    void refusesFewerThanOneThread() {
        assertThatThrownBy(() -> new ExpirySweep(schedule, commands, Clock.systemUTC(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stockledger.reservations.expiry-threads");
    }
}
