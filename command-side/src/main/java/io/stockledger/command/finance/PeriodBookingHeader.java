package io.stockledger.command.finance;

import io.stockledger.command.platform.web.ApiProblem;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The caller's choice for a movement dated inside a closed period: the request header {@value #HEADER}
 * ({@code true} or {@code false}, default {@code false}). {@code true} books such a movement into the first open
 * period instead of refusing it. It travels with the command as metadata, so a retried command keeps it.
 */
public final class PeriodBookingHeader {

    public static final String HEADER = "X-Book-Into-Open-Period";

    /** The command metadata key {@link PeriodGuard} reads. */
    public static final String METADATA_KEY = "bookIntoOpenPeriod";

    private PeriodBookingHeader() {}

    /** The command metadata for the current HTTP request's header; empty outside a request or without the header. */
    public static Map<String, String> ofCurrentRequest() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (!(attributes instanceof ServletRequestAttributes servlet)) {
            return Map.of();
        }
        String value = servlet.getRequest().getHeader(HEADER);
        if (value == null || value.equalsIgnoreCase("false")) {
            return Map.of();
        }
        if (value.equalsIgnoreCase("true")) {
            return Map.of(METADATA_KEY, "true");
        }
        throw new InvalidHeader(value);
    }

    static final class InvalidHeader extends ApiProblem {
        InvalidHeader(String value) {
            super(
                    HttpStatus.BAD_REQUEST,
                    "invalid-request",
                    "Invalid request",
                    "the " + HEADER + " header must be true or false, got '" + value + "'",
                    Map.of("errors", List.of(Map.of("field", HEADER, "message", "must be true or false"))));
        }
    }
}
