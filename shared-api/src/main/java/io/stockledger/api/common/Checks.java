package io.stockledger.api.common;

import java.util.regex.Pattern;

/** Validation shared by the value types; a value type that exists is always valid. */
final class Checks {

    private Checks() {}

    static String matching(String value, Pattern pattern, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is required");
        }
        if (!pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must match " + pattern.pattern() + ", got '" + value + "'");
        }
        return value;
    }
}
