package io.stockledger.command.platform.web;

import io.stockledger.command.CommandSideApplication;
import io.stockledger.security.test.ApiFuzzer;
import io.stockledger.security.test.ApiFuzzer.Fuzzed;
import io.stockledger.security.test.TestCredentials;
import java.nio.file.Files;
import java.util.UUID;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Generated malformed and hostile requests to every endpoint of the command side (path values, query parameters,
 * headers, credentials and bodies): none is answered with a 5xx, and none that is refused writes an event.
 */
class ApiFuzzTest {

    private static ConfigurableApplicationContext context;
    private static ApiFuzzer fuzzer;
    private static JdbcTemplate jdbc;

    @BeforeContainer
    static void startTheCommandSide() throws Exception {
        context = new SpringApplicationBuilder(CommandSideApplication.class)
                .properties(
                        "server.port=0",
                        "spring.main.banner-mode=off",
                        "logging.level.root=ERROR",
                        "spring.datasource.url=jdbc:h2:mem:fuzz-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                        "stockledger.data-dir=" + Files.createTempDirectory("fuzz"))
                .run();
        fuzzer = ApiFuzzer.of(context, endpoint -> true);
        jdbc = context.getBean(JdbcTemplate.class);
    }

    @AfterContainer
    static void stopTheCommandSide() {
        if (context != null) {
            context.close();
        }
    }

    @Property(tries = 5000, shrinking = ShrinkingMode.OFF)
    void noRequestIsAnswered5xxAndNoRefusedOneWritesAnEvent(@ForAll("requests") Fuzzed request) throws Exception {
        fuzzer.check(request, () -> jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class));
    }

    @Provide
    Arbitrary<Fuzzed> requests() {
        return fuzzer.requests(TestCredentials.basic(TestCredentials.CLIENT));
    }
}
