package io.stockledger.query.audit;

import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Quantity;
import io.stockledger.api.stock.Balance;
import io.stockledger.api.stock.BalanceAsOf;
import io.stockledger.api.stock.StockCounted;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A position's buckets as of a business instant, from the audit trail, by the ledger's rules:
 *
 * <ul>
 *   <li>movements are ordered by business time, ties by recording order (the aggregate's sequence number);
 *   <li>"as of t" includes every movement at or before t;
 *   <li>a count is absolute for on hand: on hand as of t is the latest count at or before t plus the on-hand change
 *       of every movement after it up to t (a movement recorded after a count at the same business time comes
 *       after it);
 *   <li>every other bucket is the sum of its movements' changes at or before t.
 * </ul>
 *
 * <p>Sums come from per-day totals plus the movements of the last, partial day, so the cost depends on the number of
 * business days and the movements of one day, not on the length of the position's history.
 */
@Repository
class BalanceHistory {

    private final JdbcClient jdbc;

    BalanceHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Empty when no event of the position was ever recorded. */
    Optional<BalanceAsOf> asOf(PositionId position, Instant asOf) {
        if (!isKnown(position)) {
            return Optional.empty();
        }
        Balance sums = changesUpTo(position, asOf, Long.MAX_VALUE);
        Quantity onHand = latestCount(position, asOf)
                .map(count -> count.counted()
                        .plus(sums.onHand())
                        .minus(changesUpTo(position, count.occurredAt(), count.sequence())
                                .onHand()))
                .orElse(sums.onHand());
        Balance balance = sums.withOnHand(onHand);
        return Optional.of(new BalanceAsOf(
                position.sku(),
                position.location(),
                asOf,
                balance.onHand().units(),
                balance.reserved().units(),
                balance.quarantined().units(),
                balance.damaged().units(),
                balance.inTransit().units(),
                balance.available().units(),
                lastGlobalPosition()));
    }

    private boolean isKnown(PositionId position) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM audit_entry WHERE sku = :sku AND location = :location)")
                .param("sku", position.sku().value())
                .param("location", position.location().value())
                .query(Boolean.class)
                .single();
    }

    /** The global position of the latest event in the audit trail: what the answer is computed from. */
    private long lastGlobalPosition() {
        return jdbc.sql("SELECT COALESCE(MAX(global_position), -1) FROM audit_entry")
                .query(Long.class)
                .single();
    }

    private Optional<Count> latestCount(PositionId position, Instant asOf) {
        return jdbc.sql(
                        """
                SELECT quantity, occurred_at, sequence_number
                  FROM audit_entry
                 WHERE sku = :sku AND location = :location AND event_type = :counted AND occurred_at <= :asOf
                 ORDER BY sku, location, event_type, occurred_at DESC, sequence_number DESC
                 FETCH FIRST 1 ROW ONLY
                """)
                .param("sku", position.sku().value())
                .param("location", position.location().value())
                .param("counted", StockCounted.class.getSimpleName())
                .param("asOf", AuditRows.utc(asOf))
                .query((row, n) -> new Count(
                        Quantity.of(row.getLong("quantity")),
                        AuditRows.instant(row, "occurred_at"),
                        row.getLong("sequence_number")))
                .optional();
    }

    /**
     * The sum of the changes of every movement ordered at or before ({@code at}, {@code sequence}): whole business
     * days before {@code at}'s day from the daily totals, that day's movements one by one.
     */
    private Balance changesUpTo(PositionId position, Instant at, long sequence) {
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        return jdbc.sql(
                        """
                SELECT COALESCE(SUM(on_hand), 0) AS on_hand, COALESCE(SUM(reserved), 0) AS reserved,
                       COALESCE(SUM(quarantined), 0) AS quarantined, COALESCE(SUM(damaged), 0) AS damaged,
                       COALESCE(SUM(in_transit), 0) AS in_transit
                  FROM (SELECT on_hand, reserved, quarantined, damaged, in_transit
                          FROM audit_daily_change
                         WHERE sku = :sku AND location = :location AND business_day < :day
                        UNION ALL
                        SELECT change_on_hand, change_reserved, change_quarantined, change_damaged,
                               change_in_transit
                          FROM audit_entry
                         WHERE sku = :sku AND location = :location AND is_movement = TRUE
                           AND occurred_at >= :dayStart AND occurred_at <= :at
                           AND (occurred_at < :at OR sequence_number <= :sequence))
                       AS movements
                """)
                .param("sku", position.sku().value())
                .param("location", position.location().value())
                .param("day", day)
                .param("dayStart", AuditRows.utc(day.atStartOfDay().toInstant(ZoneOffset.UTC)))
                .param("at", AuditRows.utc(at))
                .param("sequence", sequence)
                .query((row, n) -> AuditRows.balance(row, ""))
                .single();
    }

    private record Count(Quantity counted, Instant occurredAt, long sequence) {}
}
