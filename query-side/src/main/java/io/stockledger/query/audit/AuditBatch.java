package io.stockledger.query.audit;

import io.stockledger.api.common.PositionId;
import io.stockledger.api.stock.Balance;
import io.stockledger.query.audit.AuditRows.Latest;
import io.stockledger.query.audit.AuditRows.RecordedMovement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The audit entries of one batch of events, folded in memory and written together just before the batch commits:
 * the rows in one JDBC batch, each position's business-day totals summed first. While the batch runs it answers what
 * the projection would otherwise read back from its own rows: the buckets after a position's latest event and the
 * movements already recorded in the batch.
 */
final class AuditBatch {

    /** One position's movement total of one business day (UTC). */
    record Day(PositionId position, LocalDate day) {}

    private final List<AuditRow> rows = new ArrayList<>();
    private final Map<PositionId, NavigableMap<Long, Balance>> afters = new HashMap<>();
    private final Map<PositionId, Map<String, RecordedMovement>> movements = new HashMap<>();
    private final Map<Day, Balance> dailyChanges = new LinkedHashMap<>();
    private final Map<PositionId, Optional<Latest>> stored = new HashMap<>();

    /** The position's latest stored entry, read once per batch. */
    Optional<Latest> stored(PositionId position, Function<PositionId, Optional<Latest>> read) {
        return stored.computeIfAbsent(position, read);
    }

    /** The buckets after each of the position's events in this batch, by sequence number. */
    NavigableMap<Long, Balance> afters(PositionId position) {
        return afters.getOrDefault(position, Collections.emptyNavigableMap());
    }

    /** A movement of the position recorded earlier in this batch. */
    Optional<RecordedMovement> movement(PositionId position, String movementId) {
        return Optional.ofNullable(movements.getOrDefault(position, Map.of()).get(movementId));
    }

    void add(AuditRow row) {
        rows.add(row);
        afters.computeIfAbsent(row.position(), p -> new TreeMap<>()).put(row.sequence(), row.after());
        if (row.movement()) {
            movements
                    .computeIfAbsent(row.position(), p -> new HashMap<>())
                    .putIfAbsent(
                            row.movementId(),
                            new RecordedMovement(row.movementType(), row.occurredAt(), row.provenance()));
            dailyChanges.merge(
                    new Day(row.position(), LocalDate.ofInstant(row.occurredAt(), ZoneOffset.UTC)),
                    row.change(),
                    Balance::plus);
        }
    }

    List<AuditRow> rows() {
        return rows;
    }

    Map<Day, Balance> dailyChanges() {
        return dailyChanges;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    void clear() {
        rows.clear();
        afters.clear();
        movements.clear();
        dailyChanges.clear();
        stored.clear();
    }
}
