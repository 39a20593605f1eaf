package io.stockledger.query.web;

import java.time.Instant;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Turns raw request values into the contract's value types, naming the parameter when one is not acceptable. */
public final class RequestParams {

    private RequestParams() {}

    /** The value parsed by {@code type} (a value type's factory, which validates), or null when absent. */
    public static <T> T optional(String name, String raw, Function<String, T> type) {
        return raw == null || raw.isEmpty() ? null : required(name, raw, type);
    }

    public static <T> T required(String name, String raw, Function<String, T> type) {
        if (raw == null || raw.isEmpty()) {
            throw new InvalidRequest(name, name + " is required");
        }
        try {
            return type.apply(raw);
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            throw new InvalidRequest(name, message.startsWith(name) ? message : name + ": " + message);
        }
    }

    /** A plain string that must match {@code pattern} (one of the contract's {@code PATTERN} constants). */
    public static Function<String, String> matching(String pattern) {
        Pattern compiled = Pattern.compile(pattern);
        return raw -> {
            if (!compiled.matcher(raw).matches()) {
                throw new IllegalArgumentException("must match " + pattern + ", got '" + raw + "'");
            }
            return raw;
        };
    }

    public static int limit(String name, int value, int max) {
        if (value < 1 || value > max) {
            throw new InvalidRequest(name, name + " must be between 1 and " + max + ", got " + value);
        }
        return value;
    }

    /** Checks that a half-open range {@code [from, to)} is not reversed. */
    public static void range(String fromName, Instant from, String toName, Instant to) {
        if (from != null && to != null && to.isBefore(from)) {
            throw new InvalidRequest(toName, toName + " must not be before " + fromName);
        }
    }
}
