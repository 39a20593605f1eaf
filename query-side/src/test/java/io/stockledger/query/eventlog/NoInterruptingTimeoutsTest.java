package io.stockledger.query.eventlog;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockledger.query.QuerySideTest;
import org.axonframework.messaging.timeout.HandlerTimeoutHandlerEnhancerDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** No Axon timeout interrupts a projection's thread: an interrupt during an H2 file write would lose commits. */
@QuerySideTest
class NoInterruptingTimeoutsTest {

    @Autowired
    ApplicationContext context;

    @Test
    void axonsInterruptingHandlerTimeoutsAreOff() {
        assertThat(context.getBeansOfType(HandlerTimeoutHandlerEnhancerDefinition.class))
                .isEmpty();
        assertThat(context.containsBean("axonTimeoutConfigurerModule")).isFalse();
    }
}
