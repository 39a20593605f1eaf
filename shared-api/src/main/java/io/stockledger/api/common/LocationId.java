package io.stockledger.api.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;

/** A place that holds stock: a warehouse, a store or a 3PL site. */
public record LocationId(@JsonValue String value) {

    /** The accepted form, also used by the REST layer's bean validation. */
    public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    public LocationId {
        Checks.matching(value, COMPILED, "location");
    }

    @JsonCreator
    public static LocationId of(String value) {
        return new LocationId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
