package io.stockledger.api.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;

/** A stock-keeping unit; its unit of measure is part of its identity (e.g. {@code WIDGET-EA}). */
public record Sku(@JsonValue String value) {

    /** The accepted form, also used by the REST layer's bean validation. */
    public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    public Sku {
        Checks.matching(value, COMPILED, "sku");
    }

    @JsonCreator
    public static Sku of(String value) {
        return new Sku(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
