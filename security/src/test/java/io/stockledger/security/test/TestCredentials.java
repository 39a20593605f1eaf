package io.stockledger.security.test;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Tests only: a request that comes without credentials is sent as {@value #CLIENT} (every role), so the tests of
 * features speak to the API without caring who they are. Tests of security turn it off with
 * {@code stockledger.test.default-credentials=false}. Both sides' tests get it from this test-jar, as an
 * auto-configuration ({@code META-INF/spring/...AutoConfiguration.imports} of the test-jar); it never reaches a
 * runnable jar.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class TestCredentials extends OncePerRequestFilter {

    /** Registers the filter in every web application context a test starts. */
    @AutoConfiguration
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnProperty(name = "stockledger.test.default-credentials", havingValue = "true", matchIfMissing = true)
    public static class Registration {

        @Bean
        TestCredentials testCredentials() {
            return new TestCredentials();
        }
    }

    public static final String CLIENT = "test-client";
    public static final String SECRET = "test-secret";

    /** The Authorization header of a test client (every one has the secret {@value #SECRET}). */
    public static String basic(String client) {
        return "Basic " + Base64.getEncoder().encodeToString((client + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
            chain.doFilter(request, response);
            return;
        }
        String authorization = basic(CLIENT);
        chain.doFilter(
                new HttpServletRequestWrapper(request) {
                    @Override
                    public String getHeader(String name) {
                        return HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name) ? authorization : super.getHeader(name);
                    }

                    @Override
                    public Enumeration<String> getHeaders(String name) {
                        return HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name)
                                ? Collections.enumeration(List.of(authorization))
                                : super.getHeaders(name);
                    }

                    @Override
                    public Enumeration<String> getHeaderNames() {
                        List<String> names = Collections.list(super.getHeaderNames());
                        names.add(HttpHeaders.AUTHORIZATION);
                        return Collections.enumeration(names);
                    }
                },
                response);
    }
}
