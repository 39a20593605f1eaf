package io.stockledger.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 401 and 403 as RFC 9457 problems, like every other error of the API: {@code urn:stockledger:problem:unauthorized}
 * (no or bad credentials; with the schemes the caller may use in {@code WWW-Authenticate}) and
 * {@code urn:stockledger:problem:forbidden} (authenticated, but none of the roles the endpoint needs); and the 429
 * of the {@link RateLimit}.
 */
final class ProblemAnswers implements AuthenticationEntryPoint, AccessDeniedHandler {

    static final String UNAUTHORIZED = "urn:stockledger:problem:unauthorized";
    static final String FORBIDDEN = "urn:stockledger:problem:forbidden";
    static final String TOO_MANY_REQUESTS = "urn:stockledger:problem:too-many-requests";

    private final ObjectMapper json = new ObjectMapper();
    private final AccessMatrix matrix;
    private final boolean bearer;
    private final ProblemMeter meter;

    ProblemAnswers(AccessMatrix matrix, boolean bearer, ProblemMeter meter) {
        this.matrix = matrix;
        this.bearer = bearer;
        this.meter = meter;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"stockledger\"");
        if (bearer) {
            response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        boolean presented = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
        write(
                request,
                response,
                HttpStatus.UNAUTHORIZED,
                UNAUTHORIZED,
                "Unauthorized",
                presented
                        ? "the credentials are not valid"
                        : "the request needs credentials: HTTP Basic with an API client"
                                + (bearer ? ", or a bearer token" : ""));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException failure)
            throws IOException {
        String needed = matrix.entryFor(request)
                .map(entry -> String.join(" or ", entry.roleIds()))
                .orElse(Role.ADMIN.id());
        write(
                request,
                response,
                HttpStatus.FORBIDDEN,
                FORBIDDEN,
                "Forbidden",
                "this request needs the role " + needed + ", which the caller does not have");
    }

    void rejected(HttpServletRequest request, HttpServletResponse response, String reason) throws IOException {
        write(
                request,
                response,
                HttpStatus.BAD_REQUEST,
                "urn:stockledger:problem:invalid-request",
                "Invalid request",
                "the request path is not accepted: " + reason);
    }

    void tooManyRequests(HttpServletRequest request, HttpServletResponse response, String client, String detail)
            throws IOException {
        meter.rateLimited(client);
        write(request, response, HttpStatus.TOO_MANY_REQUESTS, TOO_MANY_REQUESTS, "Too many requests", detail);
    }

    private void write(
            HttpServletRequest request,
            HttpServletResponse response,
            HttpStatus status,
            String type,
            String title,
            String detail)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", type);
        problem.put("title", title);
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
        meter.count(type, status.value());
    }
}
