package io.stockledger.query.web;

/** The resource a request names does not exist; {@code problem} is the slug of its problem type. */
public final class NotFound extends RuntimeException {

    private final String problem;

    public NotFound(String problem, String detail) {
        super(detail);
        this.problem = problem;
    }

    public String problem() {
        return problem;
    }
}
