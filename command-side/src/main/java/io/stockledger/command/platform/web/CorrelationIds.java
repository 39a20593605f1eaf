package io.stockledger.command.platform.web;

import io.stockledger.api.common.CorrelationId;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * The correlation id of every request: the caller's {@value #HEADER} when it is valid, a new UUID when there is
 * none. It is echoed on every response, errors included, logged as {@code correlationId}, and handed to handlers
 * as the request attribute {@link #ATTRIBUTE}. An invalid one is a 400 problem (answered with a new id).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class CorrelationIds extends OncePerRequestFilter {

    public static final String HEADER = "X-Correlation-Id";

    /** The request attribute holding the request's {@link CorrelationId}. */
    public static final String ATTRIBUTE = "io.stockledger.correlationId";

    private static final Pattern VALID = Pattern.compile(CorrelationId.PATTERN);

    private final HandlerExceptionResolver problems;

    CorrelationIds(@Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String supplied = request.getHeader(HEADER);
        boolean valid = supplied == null || VALID.matcher(supplied).matches();
        CorrelationId correlationId = supplied != null && valid
                ? CorrelationId.of(supplied)
                : CorrelationId.of(UUID.randomUUID().toString());
        request.setAttribute(ATTRIBUTE, correlationId);
        response.setHeader(HEADER, correlationId.value());
        MDC.put("correlationId", correlationId.value());
        try {
            if (valid) {
                chain.doFilter(request, response);
            } else if (problems.resolveException(request, response, null, new InvalidCorrelationId()) == null) {
                response.sendError(HttpStatus.BAD_REQUEST.value());
            }
        } finally {
            MDC.remove("correlationId");
        }
    }

    static final class InvalidCorrelationId extends ApiProblem {

        private static final String MESSAGE = "must match " + CorrelationId.PATTERN;

        InvalidCorrelationId() {
            super(
                    HttpStatus.BAD_REQUEST,
                    Problems.INVALID_REQUEST,
                    Problems.INVALID_REQUEST_TITLE,
                    "the " + HEADER + " header " + MESSAGE,
                    Map.of("errors", List.of(new Problems.InvalidField(HEADER, MESSAGE))));
        }
    }
}
