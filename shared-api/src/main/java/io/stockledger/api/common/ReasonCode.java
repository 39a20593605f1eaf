package io.stockledger.api.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;

/** Why a movement happened, in the ledger's upper-case vocabulary (e.g. {@code CYCLE_COUNT}, {@code BREAKAGE}). */
public record ReasonCode(@JsonValue String value) {

    /** The accepted form, also used by the REST layer's bean validation. */
    public static final String PATTERN = "[A-Z0-9][A-Z0-9_-]{0,31}";

    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    public ReasonCode {
        Checks.matching(value, COMPILED, "reasonCode");
    }

    @JsonCreator
    public static ReasonCode of(String value) {
        return new ReasonCode(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
