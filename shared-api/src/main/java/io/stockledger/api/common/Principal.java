package io.stockledger.api.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;

/** Who acted: the authenticated client or user a movement is recorded for. */
public record Principal(@JsonValue String value) {

    /** The accepted form, also used by the REST layer's bean validation. */
    public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9@._:-]{0,127}";

    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    public Principal {
        Checks.matching(value, COMPILED, "principal");
    }

    @JsonCreator
    public static Principal of(String value) {
        return new Principal(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
