package io.stockledger.command.platform;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The command gateway retries a command that lost a race for an aggregate's stream (the same new reservation id
 * placed twice at once, or two instances appending to one position): the retry sees the winner's events and
 * answers from them. Nothing else is retried: a refusal is final.
 */
@Configuration(proxyBeanMethods = false)
class CommandRetry {

    /** Axon Server's error code for an event whose aggregate sequence number is already taken. */
    static final String INVALID_SEQUENCE = "AXONIQ-2000";

    @Bean
    CommandGateway commandGateway(CommandBus commandBus) {
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(onConcurrencyConflicts())
                .build();
    }

    private static RetryScheduler onConcurrencyConflicts() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "command-retry");
            thread.setDaemon(true);
            return thread;
        });
        return new IntervalRetryScheduler(IntervalRetryScheduler.builder()
                .retryExecutor(executor)
                .retryInterval(10)
                .maxRetryCount(3)) {
            @Override
            protected boolean isExplicitlyNonTransient(Throwable failure) {
                return !isConcurrencyConflict(failure);
            }
        };
    }

    /**
     * A lost race for an aggregate's stream: a {@link ConcurrencyException} from the embedded store, or Axon Server's
     * refusal of an append with a sequence number already taken ({@value #INVALID_SEQUENCE}), which reaches the
     * sender as the message of a {@code CommandExecutionException} when another instance handled the command.
     */
    static boolean isConcurrencyConflict(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyException
                    || String.valueOf(cause.getMessage()).contains(INVALID_SEQUENCE)) {
                return true;
            }
        }
        return false;
    }
}
