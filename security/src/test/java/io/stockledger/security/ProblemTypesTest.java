package io.stockledger.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProblemTypesTest {

    @Test
    void aProblemWithOnlyItsStatusIsNamedAfterIt() {
        assertThat(ProblemTypes.slugFor(400)).isEqualTo("invalid-request");
        assertThat(ProblemTypes.slugFor(404)).isEqualTo("not-found");
        assertThat(ProblemTypes.slugFor(413)).isEqualTo("payload-too-large");
        assertThat(ProblemTypes.slugFor(414)).isEqualTo("uri-too-long");
        assertThat(ProblemTypes.slugFor(431)).isEqualTo("request-header-fields-too-large");
        assertThat(ProblemTypes.slugFor(500)).isEqualTo("internal-error");
        assertThat(ProblemTypes.slugFor(503)).isEqualTo("service-unavailable");
    }

    @Test
    void aStatusWithoutANameIsNamedByItsCode() {
        assertThat(ProblemTypes.slugFor(499)).isEqualTo("http-499");
    }

    @Test
    void theTypeIsTheLedgersUrnOfTheSlug() {
        assertThat(ProblemTypes.type("on-hand-mismatch")).hasToString("urn:stockledger:problem:on-hand-mismatch");
    }
}
