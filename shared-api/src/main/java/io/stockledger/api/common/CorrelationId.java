package io.stockledger.api.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;

/** Ties every message of one business transaction together, end to end. */
public record CorrelationId(@JsonValue String value) {

    /** The accepted form, also used by the REST layer's bean validation. */
    public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._:-]{0,127}";

    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    public CorrelationId {
        Checks.matching(value, COMPILED, "correlationId");
    }

    @JsonCreator
    public static CorrelationId of(String value) {
        return new CorrelationId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
