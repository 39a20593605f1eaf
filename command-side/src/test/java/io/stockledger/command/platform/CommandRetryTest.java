package io.stockledger.command.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

class CommandRetryTest {

    @Test
    void retriesAConflictOnTheEmbeddedStore() {
        assertThat(CommandRetry.isConcurrencyConflict(
                        new IllegalStateException("wrapped", new ConcurrencyException("sequence taken"))))
                .isTrue();
    }

    @Test
    void retriesAnAppendAxonServerRefusedOnAnotherInstance() {
        assertThat(CommandRetry.isConcurrencyConflict(new CommandExecutionException(
                        "OUT_OF_RANGE: [AXONIQ-2000] Invalid sequence number 14 for aggregate WIDGET@DC3, expected 15",
                        null)))
                .isTrue();
    }

    @Test
    void doesNotRetryARefusal() {
        assertThat(CommandRetry.isConcurrencyConflict(new IllegalArgumentException("insufficient available stock")))
                .isFalse();
    }
}
