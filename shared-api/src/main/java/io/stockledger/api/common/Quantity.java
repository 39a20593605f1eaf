package io.stockledger.api.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A whole number of units. Signed, because a change (an adjustment, a count difference) can be negative; a
 * command that needs a positive quantity says so itself.
 */
public record Quantity(@JsonValue long units) implements Comparable<Quantity> {

    public static final Quantity ZERO = new Quantity(0);

    @JsonCreator
    public static Quantity of(long units) {
        return units == 0 ? ZERO : new Quantity(units);
    }

    public Quantity plus(Quantity other) {
        return of(Math.addExact(units, other.units));
    }

    public Quantity minus(Quantity other) {
        return of(Math.subtractExact(units, other.units));
    }

    public Quantity negate() {
        return of(Math.negateExact(units));
    }

    public boolean isPositive() {
        return units > 0;
    }

    public boolean isNegative() {
        return units < 0;
    }

    public boolean isZero() {
        return units == 0;
    }

    public boolean isGreaterThan(Quantity other) {
        return units > other.units;
    }

    public boolean isLessThan(Quantity other) {
        return units < other.units;
    }

    /** Fails unless this quantity is above zero; commands use it to refuse zero and negative quantities. */
    public Quantity requirePositive(String what) {
        if (units <= 0) {
            throw new IllegalArgumentException(what + " must be positive, got " + units);
        }
        return this;
    }

    @Override
    public int compareTo(Quantity other) {
        return Long.compare(units, other.units);
    }

    @Override
    public String toString() {
        return Long.toString(units);
    }
}
