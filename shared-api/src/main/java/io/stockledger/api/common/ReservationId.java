package io.stockledger.api.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;

/** The client-supplied identity of a reservation and its idempotency key. */
public record ReservationId(@JsonValue String value) {

    /** The accepted form, also used by the REST layer's bean validation. */
    public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._:-]{0,63}";

    private static final Pattern COMPILED = Pattern.compile(PATTERN);

    public ReservationId {
        Checks.matching(value, COMPILED, "reservationId");
    }

    @JsonCreator
    public static ReservationId of(String value) {
        return new ReservationId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
