package io.stockledger.command.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.micrometer.core.instrument.MeterRegistry;
import io.stockledger.security.test.TestCredentials;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/** Requests per client are limited: a burst of 3, then one a minute; the 4th answers 429 with Retry-After. */
@SpringBootTest(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:rate-${random.uuid};DB_CLOSE_DELAY=-1",
            "stockledger.security.rate-limit.enabled=true",
            "stockledger.security.rate-limit.capacity=3",
            "stockledger.security.rate-limit.requests-per-second=1"
        })
@AutoConfigureMockMvc
class RateLimitTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    MeterRegistry registry;

    @Test
    void aClientOverItsLimitIsAnsweredTooManyRequestsWithRetryAfter() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(read("test-auditor").getStatus()).isEqualTo(404);
        }

        MockHttpServletResponse refused = read("test-auditor");

        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getContentType()).isEqualTo("application/problem+json");
        assertThat(refused.getContentAsString())
                .contains("urn:stockledger:problem:too-many-requests")
                .contains("test-auditor");
        assertThat(Long.parseLong(refused.getHeader("Retry-After"))).isBetween(1L, 2L);
        assertThat(registry.get("stockledger.rate.limit.refusals")
                        .tag("client", "test-auditor")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void eachClientHasABucketOfItsOwn() throws Exception {
        for (int i = 0; i < 4; i++) {
            read("test-writer");
        }

        assertThat(read("test-client").getStatus()).isEqualTo(404);
    }

    @Test
    void healthIsNeverLimited() throws Exception {
        for (int i = 0; i < 10; i++) {
            assertThat(mvc.perform(get("/actuator/health"))
                            .andReturn()
                            .getResponse()
                            .getStatus())
                    .isEqualTo(200);
        }
    }

    private MockHttpServletResponse read(String client) throws Exception {
        return mvc.perform(get("/api/v1/movements/rate-limited")
                        .header(HttpHeaders.AUTHORIZATION, TestCredentials.basic(client)))
                .andReturn()
                .getResponse();
    }
}
