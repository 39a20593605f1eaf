package io.stockledger.command.platform.web;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.grpc.Status;
import org.axonframework.axonserver.connector.command.AxonServerRemoteCommandHandlingException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Failures of Axon Server and of concurrent commands are answered as problems that say so, never as a 500. */
class ProblemsTest {

    private static final String CONFLICT_ON_ANOTHER_INSTANCE =
            "OUT_OF_RANGE: [AXONIQ-2000] Invalid sequence number 14 for aggregate HOT-1@DC1, expected 15";

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Failing())
            .setControllerAdvice(new Problems())
            .build();

    @Test
    void aConflictThatOutlastsTheRetriesIsAConcurrencyConflict() throws Exception {
        mvc.perform(post("/fail").param("with", "remote-conflict"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("urn:stockledger:problem:concurrency-conflict"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("nothing was recorded")));
    }

    @Test
    void aConflictOnTheLocalAppendIsAConcurrencyConflict() throws Exception {
        mvc.perform(post("/fail").param("with", "local-conflict"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("urn:stockledger:problem:concurrency-conflict"));
    }

    @Test
    void noCommandSideInstanceIsLedgerUnavailableWithRetryAfter() throws Exception {
        mvc.perform(post("/fail").param("with", "no-handler"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "1"))
                .andExpect(jsonPath("$.type").value("urn:stockledger:problem:ledger-unavailable"));
    }

    @Test
    void anUnreachableAxonServerIsLedgerUnavailable() throws Exception {
        mvc.perform(post("/fail").param("with", "unreachable"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.type").value("urn:stockledger:problem:ledger-unavailable"));
    }

    @Test
    void aTimeoutOnAnotherInstanceIsLedgerUnavailable() throws Exception {
        mvc.perform(post("/fail").param("with", "remote-timeout"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.type").value("urn:stockledger:problem:ledger-unavailable"));
    }

    @Test
    void anythingElseIsStillAnInternalError() throws Exception {
        mvc.perform(post("/fail").param("with", "bug"))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.type").value("urn:stockledger:problem:internal-error"));
    }

    @RestController
    static class Failing {

        @PostMapping("/fail")
        void fail(@RequestParam String with) {
            throw switch (with) {
                case "remote-conflict" -> new CommandExecutionException(
                        CONFLICT_ON_ANOTHER_INSTANCE,
                        new AxonServerRemoteCommandHandlingException(
                                "AXONIQ-4002",
                                io.axoniq.axonserver.grpc.ErrorMessage.newBuilder()
                                        .setMessage(CONFLICT_ON_ANOTHER_INSTANCE)
                                        .build()));
                case "local-conflict" -> new EventStoreException(
                        "append failed",
                        Status.OUT_OF_RANGE
                                .withDescription(CONFLICT_ON_ANOTHER_INSTANCE)
                                .asRuntimeException());
                case "no-handler" -> new NoHandlerForCommandException("No node known to accept ReceiveStock");
                case "unreachable" -> new EventStoreException(
                        "append failed",
                        Status.UNAVAILABLE.withDescription("io exception").asRuntimeException());
                case "remote-timeout" -> new CommandExecutionException(
                        "DEADLINE_EXCEEDED: CallOptions deadline exceeded after 9.9s", null);
                default -> new IllegalStateException("a bug");
            };
        }
    }
}
