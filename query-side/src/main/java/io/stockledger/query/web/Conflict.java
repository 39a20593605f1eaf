package io.stockledger.query.web;

/** The request is valid but the resource's current state refuses it; {@code problem} is the slug of its type. */
public final class Conflict extends RuntimeException {

    private final String problem;

    public Conflict(String problem, String detail) {
        super(detail);
        this.problem = problem;
    }

    public String problem() {
        return problem;
    }
}
