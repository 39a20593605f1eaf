package io.stockledger.query.web;

/** A request parameter, path variable or header that is malformed, out of range or unknown: answered with a 400. */
public final class InvalidRequest extends RuntimeException {

    private final String parameter;

    public InvalidRequest(String parameter, String detail) {
        super(detail);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
