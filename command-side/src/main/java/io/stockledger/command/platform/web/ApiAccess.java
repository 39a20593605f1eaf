package io.stockledger.command.platform.web;

import static io.stockledger.security.Role.ADMIN;
import static io.stockledger.security.Role.AUDITOR;
import static io.stockledger.security.Role.CHANNEL;
import static io.stockledger.security.Role.FINANCE;
import static io.stockledger.security.Role.WRITER;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import io.stockledger.security.AccessMatrix;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who may call which endpoint of the command side (docs/security.md has the matrix of both sides). An endpoint
 * with no entry here is for admin only; the role matrix test fails until it has one.
 */
@Configuration(proxyBeanMethods = false)
class ApiAccess {

    @Bean
    AccessMatrix commandSideAccess() {
        return AccessMatrix.builder()
                .allow(POST, "/api/v1/movements/*", WRITER)
                .allow(GET, "/api/v1/movements/*", WRITER, AUDITOR)
                .allow(POST, "/api/v1/reservations", WRITER)
                .allow(POST, "/api/v1/reservations/bulk", WRITER)
                .allow(POST, "/api/v1/reservations/*/releases", WRITER)
                .allow(POST, "/api/v1/reservations/*/fulfilments", WRITER)
                .allow(POST, "/api/v1/reservations/*/extensions", WRITER)
                .allow(GET, "/api/v1/reservations/*", WRITER, CHANNEL, AUDITOR)
                .allow(PUT, "/api/v1/channels/*", ADMIN)
                .allow(POST, "/api/v1/channels/*/quotas", ADMIN)
                .allow(POST, "/api/v1/channels/*/quota-releases", ADMIN)
                .allow(POST, "/api/v1/finance/periods/*/close", FINANCE)
                .build();
    }
}
