package io.stockledger.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockledger.query.QuerySideApplication;
import io.stockledger.security.test.ApiFuzzer;
import io.stockledger.security.test.ApiFuzzer.Fuzzed;
import io.stockledger.security.test.HostileRequests;
import io.stockledger.security.test.HostileRequests.Hostile;
import io.stockledger.security.test.TestCredentials;
import java.nio.file.Files;
import java.util.UUID;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Generated malformed and hostile requests to every endpoint of the query side (path values, query parameters,
 * headers, credentials and bodies): none is answered with a 5xx, and none that is refused writes anything (the
 * query side writes nothing but reconciliation runs and dead-letter decisions; it never writes to the event log).
 * The availability stream is left out: every accepted subscription would stay open for the rest of the run.
 */
class ApiFuzzTest {

    private static ConfigurableApplicationContext context;
    private static ApiFuzzer fuzzer;
    private static JdbcTemplate jdbc;

    @BeforeContainer
    static void startTheQuerySide() throws Exception {
        context = new SpringApplicationBuilder(QuerySideApplication.class)
                .profiles("test")
                .properties(
                        "server.port=0",
                        "spring.main.banner-mode=off",
                        "logging.level.root=ERROR",
                        "spring.datasource.url=jdbc:h2:mem:fuzz-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                        "stockledger.events.url=jdbc:h2:mem:fuzz-events-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                        "stockledger.data-dir=" + Files.createTempDirectory("fuzz"),
                        // a generated X-Min-Event-Position is never reached here: a 412 after 50 ms, not 5 s
                        "stockledger.query.default-wait=50ms")
                .run();
        fuzzer = ApiFuzzer.of(context, endpoint -> !endpoint.pattern().endsWith("/stream"));
        jdbc = context.getBean(JdbcTemplate.class);
    }

    @AfterContainer
    static void stopTheQuerySide() {
        if (context != null) {
            context.close();
        }
    }

    @Property(tries = 5000, shrinking = ShrinkingMode.OFF)
    void noRequestIsAnswered5xxAndNoRefusedOneWritesAnything(@ForAll("requests") Fuzzed request) throws Exception {
        fuzzer.check(request, ApiFuzzTest::written);
    }

    /** Rows a refused request must not add: reconciliation runs and dead letters. */
    private static long written() {
        return jdbc.queryForObject(
                "SELECT (SELECT COUNT(*) FROM reconciliation_run) + (SELECT COUNT(*) FROM DeadLetterEntry)",
                Long.class);
    }

    @Example
    void requestsRefusedBeforeTheyReachTheApiAreProblemsToo() throws Exception {
        int port = ((ServletWebServerApplicationContext) context).getWebServer().getPort();
        long writtenBefore = written();

        for (Hostile request : HostileRequests.against(
                "/api/v1/positions",
                "/api/v1/finance/reconciliations",
                TestCredentials.basic(TestCredentials.CLIENT))) {
            HostileRequests.assertProblem(request, HostileRequests.send(port, request));
        }

        assertThat(written()).isEqualTo(writtenBefore);
    }

    @Provide
    Arbitrary<Fuzzed> requests() {
        return fuzzer.requests(TestCredentials.basic(TestCredentials.CLIENT));
    }
}
