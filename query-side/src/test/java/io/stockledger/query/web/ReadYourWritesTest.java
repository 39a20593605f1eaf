package io.stockledger.query.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.stockledger.query.ProjectionTokens;
import io.stockledger.query.QuerySideTest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Read-your-writes on every family of reads: with {@code X-Min-Event-Position} a read is answered only from a
 * projection that has applied that event, waiting for it up to {@code maxWaitMillis}; past that it is a 412
 * {@code position-not-reached} that says how far the projection has got, never a stale answer.
 */
@QuerySideTest
class ReadYourWritesTest {

    /** Where each projection is held: it has applied every event up to here. */
    static final long APPLIED = 41;

    @Autowired
    MockMvc http;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    @Qualifier("serializer")
    Serializer serializer;

    @Test
    void positionsWaitForThePositionsProjection() throws Exception {
        readsWaitFor(
                "positions",
                "/api/v1/positions",
                "/api/v1/positions/WIDGET/DC1",
                "/api/v1/positions/WIDGET/DC1/balance");
    }

    @Test
    void reservationsWaitForTheReservationsProjection() throws Exception {
        readsWaitFor("reservations", "/api/v1/reservations", "/api/v1/reservations/RES-1");
    }

    @Test
    void theAuditTrailWaitsForTheAuditProjection() throws Exception {
        readsWaitFor("audit", "/api/v1/audit", "/api/v1/audit/export", "/api/v1/traces/order-1");
    }

    @Test
    void theHashChainWaitsForTheAuditChainProjection() throws Exception {
        readsWaitFor(
                "audit-chain", "/api/v1/audit/chain", "/api/v1/audit/chain/seals", "/api/v1/audit/chain/verification");
    }

    @Test
    void financeWaitsForTheFinanceProjection() throws Exception {
        readsWaitFor(
                "finance",
                "/api/v1/finance/periods/2024-06/balances",
                "/api/v1/finance/periods/2024-06/balances.csv",
                "/api/v1/finance/roll-forward",
                "/api/v1/finance/reconciliations",
                "/api/v1/finance/reconciliations/" + "0".repeat(8) + "-0000-0000-0000-" + "0".repeat(12),
                "/api/v1/finance/reconciliations/" + "0".repeat(8) + "-0000-0000-0000-" + "0".repeat(12)
                        + "/lines.csv");
    }

    @Test
    void channelAvailabilityWaitsForTheAvailabilityProjection() throws Exception {
        try (ProjectionTokens tokens = hold("channel-availability")) {
            for (String path :
                    List.of("/api/v1/channels/web/availability", "/api/v1/channels/web/availability/stream")) {
                notReached("channel-availability", path);
            }
        }
    }

    @Test
    void aHeaderOrWaitThatIsNotANonNegativeIntegerIsRefusedOnEveryFamily() throws Exception {
        for (String path : List.of(
                "/api/v1/positions",
                "/api/v1/reservations",
                "/api/v1/audit",
                "/api/v1/audit/chain",
                "/api/v1/finance/roll-forward",
                "/api/v1/finance/reconciliations",
                "/api/v1/channels/web/availability")) {
            for (String position : List.of("soon", "-1", "1.5", "99999999999999999999")) {
                http.perform(get(path).header("X-Min-Event-Position", position))
                        .andExpect(status().isBadRequest())
                        .andExpect(jsonPath("$.type").value("urn:stockledger:problem:invalid-request"))
                        .andExpect(jsonPath("$.parameter").value("X-Min-Event-Position"))
                        .andExpect(jsonPath("$.detail", containsString("X-Min-Event-Position")));
            }
            for (String wait : List.of("-1", "10001", "later")) {
                http.perform(get(path).header("X-Min-Event-Position", "1").param("maxWaitMillis", wait))
                        .andExpect(status().isBadRequest())
                        .andExpect(jsonPath("$.type").value("urn:stockledger:problem:invalid-request"))
                        .andExpect(jsonPath("$.parameter").value("maxWaitMillis"));
            }
        }
    }

    /**
     * With the projection at {@link #APPLIED}: every path asking for a later position is refused once the wait is
     * over; the first path asking for an applied one is answered; asking for one the projection applies while the
     * request waits is answered as soon as it has.
     */
    private void readsWaitFor(String projection, String answered, String... others) throws Exception {
        try (ProjectionTokens tokens = hold(projection)) {
            notReached(projection, answered);
            for (String path : others) {
                notReached(projection, path);
            }

            http.perform(get(answered).header("X-Min-Event-Position", String.valueOf(APPLIED)))
                    .andExpect(status().isOk());

            long next = APPLIED + 2;
            CompletableFuture<Void> applied = CompletableFuture.runAsync(
                    () -> tokens.moveTo(next), CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));
            long started = System.nanoTime();
            http.perform(get(answered)
                            .header("X-Min-Event-Position", String.valueOf(next))
                            .param("maxWaitMillis", "10000"))
                    .andExpect(status().isOk());
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            applied.join();
            assertThat(waited).isBetween(250L, 5_000L);
        }
    }

    private ResultActions notReached(String projection, String path) throws Exception {
        long asked = APPLIED + 1;
        return http.perform(get(path)
                        .header("X-Min-Event-Position", String.valueOf(asked))
                        .param("maxWaitMillis", "50"))
                .andExpect(status().isPreconditionFailed())
                .andExpect(jsonPath("$.type").value("urn:stockledger:problem:position-not-reached"))
                .andExpect(jsonPath("$.projection").value(projection))
                .andExpect(jsonPath("$.minEventPosition").value(asked))
                .andExpect(jsonPath("$.reached").value(APPLIED))
                .andExpect(jsonPath("$.detail", containsString(projection)))
                .andExpect(jsonPath("$.detail", containsString("position " + asked)))
                .andExpect(jsonPath("$.detail", containsString("position " + APPLIED)))
                // nothing of the answer itself: no page, no item, no figure
                .andExpect(jsonPath("$.items").doesNotExist())
                .andExpect(jsonPath("$.entries").doesNotExist())
                .andExpect(jsonPath("$.links").doesNotExist())
                .andExpect(jsonPath("$.eventPosition").doesNotExist());
    }

    private ProjectionTokens hold(String projection) {
        return ProjectionTokens.holdAt(projection, APPLIED, processing, jdbc, serializer);
    }
}
