package io.stockledger.command.stock;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.messaging.timeout.HandlerTimeoutHandlerEnhancerDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** No Axon timeout interrupts a command thread: an interrupt during an H2 file write would lose commits. */
class NoInterruptingTimeoutsTest extends MovementApiTestSupport {

    @Autowired
    ApplicationContext context;

    @Test
    void axonsInterruptingHandlerTimeoutsAreOff() {
        assertThat(context.getBeansOfType(HandlerTimeoutHandlerEnhancerDefinition.class))
                .isEmpty();
        assertThat(context.containsBean("axonTimeoutConfigurerModule")).isFalse();
    }
}
