package io.stockledger.command.platform.web;

import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A fault the API answers with a problem type of its own. Features throw named subclasses; {@link Problems} turns
 * them into RFC 9457 problem details of type {@code urn:stockledger:problem:<slug>}.
 */
public abstract class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String slug;
    private final String title;
    private final Map<String, Object> properties;

    protected ApiProblem(HttpStatus status, String slug, String title, String detail, Map<String, Object> properties) {
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.properties = Map.copyOf(properties);
    }

    HttpStatus status() {
        return status;
    }

    String slug() {
        return slug;
    }

    String title() {
        return title;
    }

    Map<String, Object> properties() {
        return properties;
    }
}
