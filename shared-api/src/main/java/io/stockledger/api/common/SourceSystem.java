package io.stockledger.api.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;

/** The system that reported a movement (a WMS, an OMS, an EDI gateway, ...). */
public record SourceSystem(@JsonValue String value) {

    /** The accepted form, also used by the REST layer's bean validation. */
    public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    public SourceSystem {
        Checks.matching(value, COMPILED, "sourceSystem");
    }

    @JsonCreator
    public static SourceSystem of(String value) {
        return new SourceSystem(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
