package io.stockledger.command.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.CommandBus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.util.ReflectionTestUtils;

/**
 * The command bus runs each of the ledger's interceptors once per command, in a fixed order. Axon's Spring Boot
 * auto-configuration registers every interceptor bean on the bus; one that also registers itself runs twice (every
 * refusal check, fingerprint and timing done twice per command).
 */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:interceptors-${random.uuid};DB_CLOSE_DELAY=-1")
class CommandInterceptorsTest {

    private static final Set<String> LEDGER_INTERCEPTORS =
            Set.of("CommandMeters", "RefusalTranslation", "PeriodGuard", "MovementFingerprint");

    @Autowired
    CommandBus commandBus;

    @Test
    void eachInterceptorIsOnTheBusOnceWithTheMetersOutermostAndTheRefusalsTranslatedAroundTheGuards() {
        List<?> interceptors = (List<?>) ReflectionTestUtils.getField(commandBus, "handlerInterceptors");

        assertThat(interceptors.stream()
                        .map(interceptor -> interceptor.getClass().getSimpleName())
                        .filter(LEDGER_INTERCEPTORS::contains))
                .containsExactly("CommandMeters", "RefusalTranslation", "PeriodGuard", "MovementFingerprint");
    }
}
