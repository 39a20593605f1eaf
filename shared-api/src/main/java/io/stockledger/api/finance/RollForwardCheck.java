package io.stockledger.api.finance;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The outcome of the roll-forward check: how many rows were checked and every violation (there must be none). */
public record RollForwardCheck(long rowsChecked, List<RollForwardViolation> violations) {

    public RollForwardCheck {
        violations = List.copyOf(violations);
    }

    @JsonProperty("passed")
    public boolean passed() {
        return violations.isEmpty();
    }
}
