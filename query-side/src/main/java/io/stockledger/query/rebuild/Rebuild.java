package io.stockledger.query.rebuild;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a rebuild or a verification has done so far, as the progress endpoint shows it.
 *
 * @param kind {@code rebuild} (switches over) or {@code verification} (compares only)
 * @param state {@code replaying}, {@code switching} (the live processor is paused and the replay brought to its
 *     exact position, then compared and, for a rebuild, switched in), {@code done} or {@code failed}
 * @param eventsDone global index of the last event the replay read, plus one
 * @param eventsTotal the log's head global index, plus one, when last looked at
 * @param rate events per second since the replay started
 * @param secondsRemaining at that rate, until the replay reaches the head; null before the rate is known
 * @param position the event position both generations were compared at (null until then)
 * @param oldChecksum the live generation's checksum at {@code position}
 * @param newChecksum the replayed generation's checksum at {@code position}
 * @param differingRows rows that differ between the two: in one only, or with another value in some column
 * @param differences the first of those differences, one per differing column (column {@code *}: a whole row in one
 *     generation only)
 */
record Rebuild(
        String id,
        String projection,
        String kind,
        String state,
        Instant startedAt,
        Instant finishedAt,
        long eventsDone,
        long eventsTotal,
        double rate,
        Long secondsRemaining,
        Long position,
        String oldChecksum,
        String newChecksum,
        Long differingRows,
        List<ProjectionState.Difference> differences,
        Long switchMillis,
        String failure) {

    static final String REPLAYING = "replaying";
    static final String SWITCHING = "switching";
    static final String DONE = "done";
    static final String FAILED = "failed";

    boolean finished() {
        return DONE.equals(state) || FAILED.equals(state);
    }

    Duration elapsed() {
        return Duration.between(startedAt, finishedAt == null ? Instant.now() : finishedAt);
    }
}
