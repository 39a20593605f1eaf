package io.stockledger.command.platform;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.AbstractRetryScheduler;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The command gateway retries a command that lost a race for an aggregate's stream (the same new reservation id
 * placed twice at once, or two instances appending to one position), or gave way in a deadlock on aggregates' locks
 * ({@link CommandFailures#isConcurrencyConflict}): the retry sees the winner's events and answers from them. Nothing
 * else is retried: a refusal is final, and an append whose outcome is unknown (a timeout) is not sent again.
 *
 * <p>Retries wait longer each time (exponential back-off) and a random part of that wait (jitter), so commands that
 * collided on a hot position do not collide again in lock step. With the defaults a command is tried up to 11 times
 * within about 3 seconds; one that still loses is answered as a {@code concurrency-conflict} problem.
 */
@Configuration(proxyBeanMethods = false)
class CommandRetry {

    static final int MAX_RETRIES = 10;
    static final long FIRST_INTERVAL_MILLIS = 5;
    static final long MAX_INTERVAL_MILLIS = 640;

    @Bean
    CommandGateway commandGateway(CommandBus commandBus) {
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(new OnConcurrencyConflicts(retryExecutor()))
                .build();
    }

    private static ScheduledExecutorService retryExecutor() {
        return Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "command-retry");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * The wait before retry number {@code retry} (1-based): "equal jitter", half of the exponential interval plus a
     * random amount up to the other half, the interval doubling from {@value #FIRST_INTERVAL_MILLIS} ms up to
     * {@value #MAX_INTERVAL_MILLIS} ms.
     */
    static long backOffMillis(int retry, double random) {
        long interval = Math.min(MAX_INTERVAL_MILLIS, FIRST_INTERVAL_MILLIS << Math.min(retry - 1, 20));
        return interval / 2 + Math.round(random * (interval - interval / 2));
    }

    static final class OnConcurrencyConflicts extends AbstractRetryScheduler {

        OnConcurrencyConflicts(ScheduledExecutorService executor) {
            super(new Builder().retryExecutor(executor).maxRetryCount(MAX_RETRIES));
        }

        @Override
        protected boolean isExplicitlyNonTransient(Throwable failure) {
            return !CommandFailures.isConcurrencyConflict(failure);
        }

        @Override
        protected long computeRetryInterval(
                CommandMessage commandMessage,
                RuntimeException lastFailure,
                List<Class<? extends Throwable>[]> failures) {
            return backOffMillis(failures.size(), ThreadLocalRandom.current().nextDouble());
        }

        private static final class Builder extends AbstractRetryScheduler.Builder<Builder> {}
    }
}
