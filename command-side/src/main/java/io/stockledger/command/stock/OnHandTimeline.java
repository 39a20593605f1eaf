package io.stockledger.command.stock;

import io.stockledger.api.common.MovementId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * On hand of one position through business time, as the ledger rules define it: movements ordered by
 * {@code occurredAt}, ties in recording order; a change adds to the balance, a count sets it. A movement changes
 * balances from its own instant up to the next count, and no further.
 *
 * <p>Most movements arrive in order and only touch the end of the list; a backdated one walks back to the
 * previous count and forward to the next.
 */
final class OnHandTimeline {

    /** A count found {@code counted} units at {@code at}. */
    record Count(MovementId movementId, Instant at, long counted, long balanceBefore) {

        long difference() {
            return counted - balanceBefore;
        }
    }

    private record Entry(Instant at, MovementId movementId, boolean absolute, long value) {}

    private final List<Entry> entries = new ArrayList<>();
    private long latest;

    /** On hand after the last movement in business time. */
    long latest() {
        return latest;
    }

    /** On hand just after every movement at or before {@code at}. */
    long balanceAt(Instant at) {
        return balanceBefore(insertionPoint(at));
    }

    /**
     * The lowest balance from {@code at} up to the next count if a change of {@code delta} were recorded at
     * {@code at} (after any movement already recorded at the same instant).
     */
    long lowestAfterChange(Instant at, long delta) {
        int index = insertionPoint(at);
        return lowestFrom(index, balanceBefore(index) + delta);
    }

    /** The lowest balance from {@code at} up to the next count if a count of {@code counted} were recorded at {@code at}. */
    long lowestAfterCount(Instant at, long counted) {
        return lowestFrom(insertionPoint(at), counted);
    }

    /** The first count after {@code at} (strictly later, or at the same instant but recorded earlier does not count). */
    Optional<Count> nextCountAfter(Instant at) {
        int index = insertionPoint(at);
        for (int i = index; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            if (entry.absolute()) {
                return Optional.of(new Count(entry.movementId(), entry.at(), entry.value(), balanceBefore(i)));
            }
        }
        return Optional.empty();
    }

    void recordChange(Instant at, MovementId movementId, long delta) {
        insert(new Entry(at, movementId, false, delta));
    }

    void recordCount(Instant at, MovementId movementId, long counted) {
        insert(new Entry(at, movementId, true, counted));
    }

    private void insert(Entry entry) {
        int index = insertionPoint(entry.at());
        entries.add(index, entry);
        if (index == entries.size() - 1) {
            latest = entry.absolute() ? entry.value() : latest + entry.value();
        } else {
            latest = walkBack(entries.size());
        }
    }

    private long lowestFrom(int index, long balanceAtInsert) {
        long balance = balanceAtInsert;
        long lowest = balance;
        for (int i = index; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            if (entry.absolute()) {
                break;
            }
            balance += entry.value();
            lowest = Math.min(lowest, balance);
        }
        return lowest;
    }

    /** On hand just after the first {@code index} entries. */
    private long balanceBefore(int index) {
        return index == entries.size() ? latest : walkBack(index);
    }

    private long walkBack(int index) {
        long sum = 0;
        for (int i = index - 1; i >= 0; i--) {
            Entry entry = entries.get(i);
            if (entry.absolute()) {
                return entry.value() + sum;
            }
            sum += entry.value();
        }
        return sum;
    }

    /** Where a movement at {@code at} goes: after every entry at or before {@code at}. */
    private int insertionPoint(Instant at) {
        int low = 0;
        int high = entries.size();
        if (high == 0 || !entries.get(high - 1).at().isAfter(at)) {
            return high;
        }
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (entries.get(mid).at().isAfter(at)) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }
}
