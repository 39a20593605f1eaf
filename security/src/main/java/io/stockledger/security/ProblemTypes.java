package io.stockledger.security;

import java.net.URI;
import java.util.Locale;
import org.springframework.http.HttpStatus;

/**
 * The type of every problem both sides answer: {@code urn:stockledger:problem:} and a slug. A problem of the ledger's
 * own names its fault ({@code insufficient-available-stock}); one that only has a status (Spring's own refusals,
 * Tomcat's, a failure) is named after the status by {@link #slugFor}, the one table all of them use.
 */
public final class ProblemTypes {

    public static final String PREFIX = "urn:stockledger:problem:";
    public static final String INVALID_REQUEST = "invalid-request";
    public static final String INTERNAL_ERROR = "internal-error";

    private ProblemTypes() {}

    /** {@code urn:stockledger:problem:<slug>}. */
    public static URI type(String slug) {
        return URI.create(PREFIX + slug);
    }

    /**
     * The slug of a problem that has only its status: {@code invalid-request} for a 400, {@code internal-error} for a
     * 500, otherwise the status's name ({@code payload-too-large}, {@code service-unavailable}) or {@code http-<code>}
     * for a status without one. Names are fixed here where Spring has two for one status (413, 414, 422).
     */
    public static String slugFor(int status) {
        return switch (status) {
            case 400 -> INVALID_REQUEST;
            case 413 -> "payload-too-large";
            case 414 -> "uri-too-long";
            case 422 -> "unprocessable-entity";
            case 500 -> INTERNAL_ERROR;
            default -> {
                HttpStatus known = HttpStatus.resolve(status);
                yield known == null
                        ? "http-" + status
                        : known.name().toLowerCase(Locale.ROOT).replace('_', '-');
            }
        };
    }
}
