package io.stockledger.query.web;

import static io.stockledger.security.Role.ADMIN;
import static io.stockledger.security.Role.AUDITOR;
import static io.stockledger.security.Role.CHANNEL;
import static io.stockledger.security.Role.FINANCE;
import static io.stockledger.security.Role.WRITER;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import io.stockledger.security.AccessMatrix;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who may call which endpoint of the query side (docs/security.md has the matrix of both sides). An endpoint with
 * no entry here is for admin only; the role matrix test fails until it has one.
 */
@Configuration(proxyBeanMethods = false)
class ApiAccess {

    @Bean
    AccessMatrix querySideAccess() {
        return AccessMatrix.builder()
                .allow(GET, "/api/v1/positions", WRITER, CHANNEL, AUDITOR, FINANCE)
                .allow(GET, "/api/v1/positions/**", WRITER, CHANNEL, AUDITOR, FINANCE)
                .allow(GET, "/api/v1/channels/*/availability", CHANNEL)
                .allow(GET, "/api/v1/channels/*/availability/stream", CHANNEL)
                .allow(GET, "/api/v1/reservations", WRITER, CHANNEL, AUDITOR)
                .allow(GET, "/api/v1/reservations/*", WRITER, CHANNEL, AUDITOR)
                .allow(GET, "/api/v1/audit", AUDITOR)
                .allow(GET, "/api/v1/audit/**", AUDITOR)
                .allow(GET, "/api/v1/traces/*", AUDITOR)
                .allow(GET, "/api/v1/finance/**", FINANCE)
                .allow(POST, "/api/v1/finance/reconciliations", FINANCE)
                .allow(GET, "/api/v1/dead-letters", ADMIN)
                .allow(GET, "/api/v1/dead-letters/**", ADMIN)
                .allow(POST, "/api/v1/dead-letters/**", ADMIN)
                .allow(DELETE, "/api/v1/dead-letters/**", ADMIN)
                .allow(GET, "/api/v1/projections", ADMIN, AUDITOR)
                .allow(GET, "/api/v1/projections/**", ADMIN, AUDITOR)
                .allow(POST, "/api/v1/projections/*/verifications", ADMIN, AUDITOR)
                .allow(POST, "/api/v1/projections/*/rebuilds", ADMIN)
                .build();
    }
}
