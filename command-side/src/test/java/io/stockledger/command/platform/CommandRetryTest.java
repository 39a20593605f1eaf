package io.stockledger.command.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.common.lock.DeadlockException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

class CommandRetryTest {

    private static final String CONFLICT_ON_ANOTHER_INSTANCE =
            "OUT_OF_RANGE: [AXONIQ-2000] Invalid sequence number 14 for aggregate WIDGET@DC3, expected 15";

    @Test
    void retriesAConflictOnTheEmbeddedStore() {
        assertThat(CommandFailures.isConcurrencyConflict(
                        new IllegalStateException("wrapped", new ConcurrencyException("sequence taken"))))
                .isTrue();
    }

    @Test
    void retriesAnAppendAxonServerRefusedOnAnotherInstance() {
        assertThat(CommandFailures.isConcurrencyConflict(
                        new CommandExecutionException(CONFLICT_ON_ANOTHER_INSTANCE, null)))
                .isTrue();
    }

    @Test
    void retriesACommandThatGaveWayInADeadlock() {
        assertThat(CommandFailures.isConcurrencyConflict(new IllegalStateException(
                        "wrapped", new DeadlockException("an imminent deadlock was detected"))))
                .isTrue();
    }

    @Test
    void doesNotRetryARefusal() {
        assertThat(CommandFailures.isConcurrencyConflict(new IllegalArgumentException("insufficient available stock")))
                .isFalse();
    }

    @Test
    void retriesAConflictTenTimesThenGivesUp() {
        var scheduler = new CommandRetry.OnConcurrencyConflicts(
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor());
        var conflict = new CommandExecutionException(CONFLICT_ON_ANOTHER_INSTANCE, null);
        java.util.List<Class<? extends Throwable>[]> failures = new java.util.ArrayList<>();
        int scheduled = 0;
        for (int attempt = 1; attempt <= 20; attempt++) {
            @SuppressWarnings("unchecked")
            Class<? extends Throwable>[] chain = new Class[] {CommandExecutionException.class};
            failures.add(chain);
            if (!scheduler.scheduleRetry(
                    org.axonframework.commandhandling.GenericCommandMessage.asCommandMessage("command"),
                    conflict,
                    failures,
                    () -> {})) {
                break;
            }
            scheduled++;
        }
        assertThat(scheduled).isEqualTo(CommandRetry.MAX_RETRIES);
    }

    @Test
    void doesNotScheduleARetryOfARefusal() {
        var scheduler = new CommandRetry.OnConcurrencyConflicts(
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor());
        java.util.List<Class<? extends Throwable>[]> failures = new java.util.ArrayList<>();
        failures.add(new Class[] {IllegalArgumentException.class});
        assertThat(scheduler.scheduleRetry(
                        org.axonframework.commandhandling.GenericCommandMessage.asCommandMessage("command"),
                        new IllegalArgumentException("insufficient available stock"),
                        failures,
                        () -> {}))
                .isFalse();
    }

    @Test
    void backsOffExponentiallyWithJitterUpToACap() {
        assertThat(CommandRetry.backOffMillis(1, 0.0)).isEqualTo(2);
        assertThat(CommandRetry.backOffMillis(1, 1.0)).isEqualTo(5);
        assertThat(CommandRetry.backOffMillis(4, 0.0)).isEqualTo(20);
        assertThat(CommandRetry.backOffMillis(4, 1.0)).isEqualTo(40);
        assertThat(CommandRetry.backOffMillis(10, 0.0)).isEqualTo(CommandRetry.MAX_INTERVAL_MILLIS / 2);
        assertThat(CommandRetry.backOffMillis(10, 1.0)).isEqualTo(CommandRetry.MAX_INTERVAL_MILLIS);
        assertThat(CommandRetry.backOffMillis(60, 1.0)).isEqualTo(CommandRetry.MAX_INTERVAL_MILLIS);
    }
}
