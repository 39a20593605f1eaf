package io.stockledger.query.rebuild;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tables each projection (processing group) owns, what of them a checksum leaves out, and which of their indexes
 * serve only readers.
 *
 * <p>{@code state} tables are the projection's view: rebuilt, compared and switched in. {@code logs} are append-only
 * publication logs whose rows depend on how events were batched, not only on the events: the rebuild writes them in
 * its shadow generation (its handlers need them) but the live log is kept as it is at the switch, so a subscriber's
 * last event id stays valid. {@code excluded} columns ({@code table.column}) differ legitimately between two
 * generations built from the same events and are left out of checksums and comparisons. {@code readerIndexes} are
 * indexes no handler's statement needs (only queries of readers use them): a shadow generation is created without
 * them, since nobody reads it, and its rows are copied into live tables that have them at the switch. Unique indexes
 * and constraints, and every index a handler looks rows up by, stay.
 */
record ProjectionCatalog(
        String name, List<String> state, List<String> logs, Set<String> excluded, Set<String> readerIndexes) {

    ProjectionCatalog(String name, List<String> state, List<String> logs, Set<String> excluded) {
        this(name, state, logs, excluded, Set.of());
    }

    static final Map<String, ProjectionCatalog> PROJECTIONS = Map.of(
            "positions",
            new ProjectionCatalog("positions", List.of("stock_position"), List.of(), Set.of()),
            "audit",
            new ProjectionCatalog(
                    "audit",
                    List.of("audit_entry", "audit_daily_change"),
                    List.of(),
                    Set.of(),
                    // The handler finds rows by position and sequence, and by movement id.
                    Set.of(
                            "audit_entry_by_position",
                            "audit_entry_by_sku",
                            "audit_entry_by_reference_number",
                            "audit_entry_by_correlation_id",
                            "audit_entry_movements_in_business_time",
                            "audit_entry_counts_latest_first")),
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
                    Set.of(),
                    // The handlers find rows by position (and time or period) and by movement id, never by period
                    // alone.
                    Set.of("finance_movement_late", "finance_period_by_period", "finance_period_reason_by_period")),
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
                            "channel_reserved_total",
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

    boolean isReaderIndex(String index) {
        return readerIndexes.contains(index.toLowerCase());
    }

    boolean isExcluded(String table, String column) {
        return excluded.contains(table.toLowerCase() + "." + column.toLowerCase());
    }

    /** The schema of this projection's shadow generation. */
    String shadowSchema() {
        return "REBUILD_" + name.toUpperCase().replace('-', '_');
    }
}
