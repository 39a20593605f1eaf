package io.stockledger.query.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.stockledger.query.QuerySideTest;
import io.stockledger.security.test.TestCredentials;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Operators see the query side through Prometheus (projection lag, dead letters, availability age, reservations,
 * problems), its health (with the projections' bounds) and the lag API the console shows.
 */
@QuerySideTest
@AutoConfigureObservability(tracing = false)
class QueryObservabilityTest {

    @Autowired
    MockMvc http;

    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void prometheusNeedsAnApiClientAndShowsLagDeadLettersAvailabilityAndReservations() throws Exception {
        http.perform(get("/api/v1/positions/NOWHERE-EA/DC-EAST")).andExpect(status().isNotFound());

        http.perform(get("/actuator/prometheus").header(HttpHeaders.AUTHORIZATION, "Basic bm86bm8="))
                .andExpect(status().isUnauthorized());
        String scrape = http.perform(get("/actuator/prometheus")
                        .header(HttpHeaders.AUTHORIZATION, TestCredentials.basic("test-channel")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(scrape)
                .contains("stockledger_projection_lag_events{projection=\"positions\"")
                .contains("stockledger_projection_lag_millis{projection=\"audit\"")
                .contains("stockledger_dead_letters{projection=\"positions\"")
                .contains("stockledger_availability_age_millis")
                .contains("stockledger_reservations_expiring")
                .contains("stockledger_reservations_expired")
                .contains("stockledger_problems_total{side=\"query\",status=\"404\",type=\"position-not-found\"}");
    }

    @Test
    void theLagApiListsEveryProjection() throws Exception {
        http.perform(get("/api/v1/projections/lag"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.projection == 'positions')].eventsBehind")
                        .exists())
                .andExpect(jsonPath("$[?(@.projection == 'positions')].deadLetters")
                        .value(0));
        http.perform(get("/api/v1/projections/lag")
                        .header(HttpHeaders.AUTHORIZATION, TestCredentials.basic("test-writer")))
                .andExpect(status().isForbidden());
    }

    @Test
    void healthShowsTheProjectionsAndTheirBounds() throws Exception {
        http.perform(get("/actuator/health"))
                .andExpect(jsonPath("$.components.projections.details.bounds.maxTimeBehind")
                        .value("PT1M"))
                .andExpect(jsonPath("$.components.projections.details.projections.positions.eventsBehind")
                        .exists());
    }

    @Test
    void everyProjectionHandlesItsEventsUnderTheirCorrelationId() {
        assertThat(processing.eventProcessors().values()).isNotEmpty().allSatisfy(processor -> assertThat(
                        ((AbstractEventProcessor) processor).getHandlerInterceptors())
                .hasAtLeastOneElementOfType(EventCorrelation.class));
    }

    @Test
    void noProjectionIsDelayedUnlessATestAsksForIt() {
        assertThat(processing.eventProcessors().values()).isNotEmpty().allSatisfy(processor -> assertThat(
                        ((AbstractEventProcessor) processor).getHandlerInterceptors())
                .noneMatch(ProjectionDelays.Delay.class::isInstance));
    }
}
