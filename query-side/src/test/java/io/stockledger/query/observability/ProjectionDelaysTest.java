package io.stockledger.query.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.mock.env.MockEnvironment;

/** The test-only delay that makes one projection really lag: only where set, only the projection it names. */
class ProjectionDelaysTest {

    private static final Duration QUARTER_SECOND = Duration.ofMillis(250);

    @Test
    void aDelayedProjectionWaitsItsDelayBeforeItHandlesEachEvent() throws Exception {
        List<String> happened = new ArrayList<>();
        InterceptorChain chain = mock(InterceptorChain.class);
        when(chain.proceed()).thenAnswer(invocation -> {
            happened.add("handled");
            return "result";
        });
        ProjectionDelays.Delay delay =
                new ProjectionDelays.Delay(QUARTER_SECOND, duration -> happened.add("waited " + duration));

        Object result = delay.handle(mock(UnitOfWork.class), chain);

        assertThat(result).isEqualTo("result");
        assertThat(happened).containsExactly("waited PT0.25S", "handled");
    }

    @Test
    void anInterruptedDelayStillHandlesTheEventAndKeepsTheInterrupt() throws Exception {
        InterceptorChain chain = mock(InterceptorChain.class);
        when(chain.proceed()).thenReturn("result");
        ProjectionDelays.Delay delay = new ProjectionDelays.Delay(QUARTER_SECOND, duration -> {
            throw new InterruptedException();
        });

        try {
            assertThat(delay.handle(mock(UnitOfWork.class), chain)).isEqualTo("result");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void onlyTheProjectionTheSettingNamesIsDelayed() {
        EventProcessingConfigurer processing =
                configure(new MockEnvironment().withProperty(ProjectionDelays.PROPERTY + ".positions", "250ms"));

        ArgumentCaptor<Function<Configuration, MessageHandlerInterceptor<? super EventMessage<?>>>> interceptor =
                ArgumentCaptor.forClass(Function.class);
        verify(processing).registerHandlerInterceptor(eq("positions"), interceptor.capture());
        verifyNoMoreInteractions(processing);
        assertThat(interceptor.getValue().apply(null))
                .isInstanceOfSatisfying(ProjectionDelays.Delay.class, delay -> assertThat(delay.delay())
                        .isEqualTo(QUARTER_SECOND));
    }

    @Test
    void withoutTheSettingNothingIsDelayed() {
        verifyNoInteractions(configure(new MockEnvironment()));
    }

    @SuppressWarnings("unchecked")
    private static EventProcessingConfigurer configure(MockEnvironment environment) {
        EventProcessingConfigurer processing = mock(EventProcessingConfigurer.class);
        Configurer configurer = mock(Configurer.class);
        when(configurer.eventProcessing(any(Consumer.class))).thenAnswer(invocation -> {
            invocation.<Consumer<EventProcessingConfigurer>>getArgument(0).accept(processing);
            return configurer;
        });
        new ProjectionDelays().delayedProjections(environment).configureModule(configurer);
        return processing;
    }
}
