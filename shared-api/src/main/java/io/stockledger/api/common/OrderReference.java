package io.stockledger.api.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;

/** The order a reservation holds stock for. */
public record OrderReference(@JsonValue String value) {

    /** The accepted form, also used by the REST layer's bean validation. */
    public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9 ._/#:-]{0,63}";

    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    public OrderReference {
        Checks.matching(value, COMPILED, "orderReference");
    }

    @JsonCreator
    public static OrderReference of(String value) {
        return new OrderReference(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
