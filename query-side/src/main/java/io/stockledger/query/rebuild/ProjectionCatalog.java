package io.stockledger.query.rebuild;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tables each projection (processing group) owns, and what of them a checksum leaves out.
 *
 * <p>{@code state} tables are the projection's view: rebuilt, compared and switched in. {@code logs} are append-only
 * publication logs whose rows depend on how events were batched, not only on the events: the rebuild writes them in
 * its shadow generation (its handlers need them) but the live log is kept as it is at the switch, so a subscriber's
 * last event id stays valid. {@code excluded} columns ({@code table.column}) differ legitimately between two
 * generations built from the same events and are left out of checksums and comparisons.
 */
record ProjectionCatalog(String name, List<String> state, List<String> logs, Set<String> excluded) {

    static final Map<String, ProjectionCatalog> PROJECTIONS = Map.of(
            "positions",
            new ProjectionCatalog("positions", List.of("stock_position"), List.of(), Set.of()),
            "audit",
            new ProjectionCatalog("audit", List.of("audit_entry", "audit_daily_change"), List.of(), Set.of()),
            "reservations",
            new ProjectionCatalog(
                    "reservations",
                    List.of(
                            "reservation",
                            "reservation_line",
                            "reservation_rejection",
                            "reservation_position_shortfall",
                            "reservation_backorder"),
                    List.of(),
                    Set.of()),
            "finance",
            new ProjectionCatalog(
                    "finance",
                    List.of("finance_movement", "finance_period", "finance_period_reason", "finance_period_close"),
                    List.of(),
                    Set.of()),
            "channel-availability",
            new ProjectionCatalog(
                    "channel-availability",
                    List.of(
                            "channel_policy",
                            "channel_location",
                            "channel_safety_stock",
                            "channel_stock",
                            "channel_quota",
                            "channel_reserved",
                            "channel_backorder",
                            "channel_published"),
                    List.of("channel_change"),
                    // The last published change states the last event of the batch that touched the SKU: batching
                    // differs between a live processor and a replay.
                    Set.of("channel_published.payload")),
            "audit-chain",
            new ProjectionCatalog("audit-chain", List.of("audit_chain", "audit_chain_seal"), List.of(), Set.of()));

    static Optional<ProjectionCatalog> of(String name) {
        return Optional.ofNullable(PROJECTIONS.get(name));
    }

    List<String> allTables() {
        return java.util.stream.Stream.concat(state.stream(), logs.stream()).toList();
    }

    boolean isExcluded(String table, String column) {
        return excluded.contains(table.toLowerCase() + "." + column.toLowerCase());
    }

    /** The schema of this projection's shadow generation. */
    String shadowSchema() {
        return "REBUILD_" + name.toUpperCase().replace('-', '_');
    }
}
