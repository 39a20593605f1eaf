package io.stockledger.api.finance;

import java.util.List;

/** The outcome of the roll-forward check: how many rows were checked and every violation (there must be none). */
public record RollForwardCheck(long rowsChecked, List<RollForwardViolation> violations) {

    public RollForwardCheck {
        violations = List.copyOf(violations);
    }

    public boolean passed() {
        return violations.isEmpty();
    }
}
