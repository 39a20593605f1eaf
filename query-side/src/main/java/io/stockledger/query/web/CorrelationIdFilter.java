package io.stockledger.query.web;

import io.stockledger.api.common.CorrelationId;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Accepts the caller's {@code X-Correlation-Id}, or makes one up, echoes it on every response (errors included) and
 * puts it in the logging context. A malformed one is refused with a problem built by {@link ProblemResponses}, like
 * every other, and answered under a new id.
 */
@Component
@ConditionalOnWebApplication
@Order(Ordered.HIGHEST_PRECEDENCE)
class CorrelationIdFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Correlation-Id";
    static final String ATTRIBUTE = CorrelationIdFilter.class.getName();

    private static final Pattern VALID = Pattern.compile(CorrelationId.PATTERN);
    private static final String LOGGING_KEY = "correlationId";

    private final HandlerExceptionResolver problems;

    CorrelationIdFilter(@Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getHeader(HEADER);
        boolean valid = given == null || VALID.matcher(given).matches();
        String correlationId =
                given != null && valid ? given : UUID.randomUUID().toString();
        response.setHeader(HEADER, correlationId);
        request.setAttribute(ATTRIBUTE, correlationId);
        MDC.put(LOGGING_KEY, correlationId);
        try {
            if (valid) {
                chain.doFilter(request, response);
            } else {
                problems.resolveException(
                        request,
                        response,
                        null,
                        new InvalidRequest(HEADER, HEADER + " must match " + CorrelationId.PATTERN));
            }
        } finally {
            MDC.remove(LOGGING_KEY);
        }
    }
}
