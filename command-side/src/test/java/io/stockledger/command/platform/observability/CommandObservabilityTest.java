package io.stockledger.command.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.stockledger.security.test.TestCredentials;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Operators see the command side through Prometheus meters (commands by type and outcome, problems by type) and
 * follow a request through the log by its correlation id.
 */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:observability-${random.uuid};DB_CLOSE_DELAY=-1")
@AutoConfigureMockMvc
@AutoConfigureObservability(tracing = false)
@ExtendWith(OutputCaptureExtension.class)
class CommandObservabilityTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    MockMvc mvc;

    @Autowired
    MeterRegistry registry;

    @Test
    void timesCommandsByTypeAndOutcomeAndCountsRefusalsByProblemType() throws Exception {
        String sku = "OBS-" + UUID.randomUUID().toString().substring(0, 8);
        double handledBefore = count("ReceiveStock", "handled");
        double refusedBefore = count("ShipStock", "refused");

        assertThat(movement("receipts", sku, 5, null).getStatus()).isEqualTo(201);
        MockHttpServletResponse refused = movement("shipments", sku, 50, null);

        assertThat(refused.getStatus()).isEqualTo(409);
        String type = JSON.readTree(refused.getContentAsString()).path("type").asText();
        assertThat(count("ReceiveStock", "handled")).isEqualTo(handledBefore + 1);
        assertThat(count("ShipStock", "refused")).isEqualTo(refusedBefore + 1);
        assertThat(registry.get("stockledger.problems")
                        .tag("type", type.substring("urn:stockledger:problem:".length()))
                        .tag("status", "409")
                        .counter()
                        .count())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void prometheusNeedsAnApiClientAndShowsTheLedgersMeters() throws Exception {
        movement("receipts", "OBS-PROM", 1, null);

        assertThat(mvc.perform(get("/actuator/prometheus").header(HttpHeaders.AUTHORIZATION, "Basic bm86bm8="))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(401);
        MockHttpServletResponse scrape = mvc.perform(get("/actuator/prometheus")
                        .header(HttpHeaders.AUTHORIZATION, TestCredentials.basic("test-channel")))
                .andReturn()
                .getResponse();
        assertThat(scrape.getStatus()).isEqualTo(200);
        assertThat(scrape.getContentAsString())
                .contains("stockledger_commands_seconds_count{command=\"ReceiveStock\",outcome=\"handled\"")
                .contains("stockledger_problems_total{")
                .contains("side=\"command\"");
    }

    @Test
    void logsTheCommandUnderTheRequestsCorrelationId(CapturedOutput output) throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(CommandMeters.class);
        Level level = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        try {
            movement("receipts", "OBS-LOG", 3, "trace-me-4711");
        } finally {
            logger.setLevel(level);
        }

        assertThat(output.getOut().lines().filter(line -> line.contains("ReceiveStock handled")))
                .anySatisfy(line -> assertThat(line).contains("[trace-me-4711]"));
    }

    private double count(String command, String outcome) {
        Timer timer = registry.find(CommandMeters.METER)
                .tag("command", command)
                .tag("outcome", outcome)
                .timer();
        return timer == null ? 0 : timer.count();
    }

    private MockHttpServletResponse movement(String kind, String sku, long quantity, String correlationId)
            throws Exception {
        String body =
                """
                {"movementId":"%s","sku":"%s","location":"DC1","quantity":%d,"occurredAt":"2026-11-20T09:00:00Z",
                 "sourceSystem":"wms-dc1","reference":{"type":"ASN","number":"4711"}}"""
                        .formatted("MOV-" + UUID.randomUUID(), sku, quantity);
        var request = post("/api/v1/movements/" + kind)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body);
        if (correlationId != null) {
            request.header("X-Correlation-Id", correlationId);
        }
        return mvc.perform(request).andReturn().getResponse();
    }
}
