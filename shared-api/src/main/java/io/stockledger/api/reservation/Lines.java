package io.stockledger.api.reservation;

import io.stockledger.api.common.PositionId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks shared by the commands that carry reservation lines. */
final class Lines {

    private Lines() {}

    /** A copy of {@code lines}; fails when it is empty (unless {@code optional}) or names a position twice. */
    static List<ReservationLine> distinct(List<ReservationLine> lines, boolean optional) {
        if (lines == null || lines.isEmpty()) {
            if (optional) {
                return List.of();
            }
            throw new IllegalArgumentException("a reservation needs at least one line");
        }
        Set<PositionId> seen = new HashSet<>();
        for (ReservationLine line : lines) {
            if (line == null) {
                throw new IllegalArgumentException("a line must not be null");
            }
            if (!seen.add(line.positionId())) {
                throw new IllegalArgumentException("position " + line.positionId() + " appears in more than one line");
            }
        }
        return List.copyOf(lines);
    }
}
