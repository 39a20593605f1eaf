package io.stockledger.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;

/**
 * Counts the problems either side answers, by problem type and status, as {@value #PROBLEMS}; and the requests the
 * rate limit refused, by client, as {@value #RATE_LIMITED}. Without a registry (a side built without actuator) it
 * counts nothing.
 */
final class ProblemMeter {

    /** Every RFC 9457 problem answered, tagged {@code type} (the slug after {@code urn:stockledger:problem:}). */
    static final String PROBLEMS = "stockledger.problems";

    /** Requests answered 429 by the rate limit, tagged {@code client}. */
    static final String RATE_LIMITED = "stockledger.rate.limit.refusals";

    private static final String PREFIX = "urn:stockledger:problem:";

    private final MeterRegistry registry;

    ProblemMeter(MeterRegistry registry) {
        this.registry = registry;
    }

    void count(URI type, int status) {
        count(type == null ? null : type.toString(), status);
    }

    void count(String type, int status) {
        if (registry == null) {
            return;
        }
        Counter.builder(PROBLEMS)
                .description("RFC 9457 problems answered, by type")
                .tag("type", slug(type))
                .tag("status", Integer.toString(status))
                .register(registry)
                .increment();
    }

    void rateLimited(String client) {
        if (registry == null) {
            return;
        }
        Counter.builder(RATE_LIMITED)
                .description("requests refused by the rate limit, by client")
                .tag("client", client)
                .register(registry)
                .increment();
    }

    private static String slug(String type) {
        if (type == null || type.isEmpty() || "about:blank".equals(type)) {
            return "about:blank";
        }
        return type.startsWith(PREFIX) ? type.substring(PREFIX.length()) : type;
    }
}
