package io.stockledger.security;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Requests per authenticated client, a token bucket each (Bucket4j): {@code capacity} requests at once, refilled
 * at {@code requests-per-second}. A request over the limit is answered {@code 429 too-many-requests} with
 * {@code Retry-After} (whole seconds) and changes nothing. It runs after authorisation, so refused requests do not
 * count, and health checks (no principal) are never limited.
 */
final class RateLimit extends OncePerRequestFilter {

    private static final int MAX_CLIENTS = 100_000;

    private final SecuritySettings.RateLimit settings;
    private final ProblemAnswers problems;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimit(SecuritySettings.RateLimit settings, ProblemAnswers problems) {
        this.settings = settings;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (caller == null || !caller.isAuthenticated() || caller instanceof AnonymousAuthenticationToken) {
            chain.doFilter(request, response);
            return;
        }
        ConsumptionProbe probe = bucketOf(caller.getName()).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            chain.doFilter(request, response);
            return;
        }
        long retryAfter = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
        response.setHeader("Retry-After", Long.toString(retryAfter));
        problems.tooManyRequests(
                request,
                response,
                caller.getName(),
                "the client " + caller.getName() + " sent more than " + settings.requestsPerSecond()
                        + " requests per second (bursts up to " + settings.capacity() + "); retry after "
                        + retryAfter + " s");
    }

    /** Health checks are never limited, whoever makes them. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getRequestURI().startsWith("/actuator/health");
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return true;
    }

    private Bucket bucketOf(String client) {
        if (buckets.size() >= MAX_CLIENTS) {
            buckets.clear();
        }
        return buckets.computeIfAbsent(client, id -> Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(settings.capacity())
                        .refillGreedy(settings.requestsPerSecond(), Duration.ofSeconds(1))
                        .build())
                .build());
    }
}
