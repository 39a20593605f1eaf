package io.stockledger.query.audit;

import io.stockledger.api.finance.PeriodClosed;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code audit_chain} table, owned by the chain projection. */
@Repository
class ChainLinks {

    /** One link of the chain. */
    record Link(long chainSeq, long globalIndex, String eventId, String contentHash, String link) {}

    private static final String COLUMNS = "chain_seq, global_index, event_id, content_hash, link";

    private final JdbcTemplate jdbc;

    ChainLinks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    boolean contains(String eventId) {
        Integer count =
                jdbc.queryForObject("SELECT COUNT(*) FROM audit_chain WHERE event_id = ?", Integer.class, eventId);
        return count != null && count > 0;
    }

    Optional<Link> head() {
        return jdbc
                .query("SELECT " + COLUMNS + " FROM audit_chain ORDER BY chain_seq DESC LIMIT 1", ChainLinks::link)
                .stream()
                .findFirst();
    }

    long count() {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM audit_chain", Long.class);
        return count == null ? 0 : count;
    }

    void append(Link link) {
        append(List.of(link));
    }

    /** Stores links in one JDBC batch. */
    void append(List<Link> links) {
        if (links.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(
                "INSERT INTO audit_chain (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)",
                links,
                links.size(),
                (statement, link) -> {
                    statement.setLong(1, link.chainSeq());
                    statement.setLong(2, link.globalIndex());
                    statement.setString(3, link.eventId());
                    statement.setString(4, link.contentHash());
                    statement.setString(5, link.link());
                });
    }

    /**
     * Links an event that arrived after events later in the log: it takes the chain position after the last link
     * before it in the log, the links after it move up one and are recomputed from it, and a seal on one of them
     * follows its link. Rare and short: only events appended within the log's gap window come late.
     */
    Link insertInLogOrder(long globalIndex, String eventId, String contentHash) {
        Optional<Link> before = jdbc
                .query(
                        // Along the global index from the event back: one row read. (By chain_seq, H2 read every
                        // link below the event through that index and sorted them: most of the chain's CPU under load.)
                        "SELECT " + COLUMNS
                                + " FROM audit_chain WHERE global_index < ? ORDER BY global_index DESC LIMIT 1",
                        ChainLinks::link,
                        globalIndex)
                .stream()
                .findFirst();
        long chainSeq = before.map(link -> link.chainSeq() + 1).orElse(1L);
        List<Link> after = jdbc.query(
                "SELECT " + COLUMNS + " FROM audit_chain WHERE chain_seq >= ? ORDER BY chain_seq",
                ChainLinks::link,
                chainSeq);
        // Two steps, so that no intermediate row collides with the primary key.
        jdbc.update("UPDATE audit_chain SET chain_seq = -(chain_seq + 1) WHERE chain_seq >= ?", chainSeq);
        jdbc.update("UPDATE audit_chain SET chain_seq = -chain_seq WHERE chain_seq < 0");
        Link inserted = new Link(
                chainSeq,
                globalIndex,
                eventId,
                contentHash,
                ChainContent.link(before.map(Link::link).orElse(ChainContent.GENESIS), contentHash));
        append(inserted);
        String previous = inserted.link();
        for (Link moved : after) {
            String link = ChainContent.link(previous, moved.contentHash());
            jdbc.update("UPDATE audit_chain SET link = ? WHERE event_id = ?", link, moved.eventId());
            jdbc.update(
                    "UPDATE audit_chain_seal SET chain_seq = ?, link = ? WHERE event_id = ?",
                    moved.chainSeq() + 1,
                    link,
                    moved.eventId());
            previous = link;
        }
        return inserted;
    }

    /** A closed period and the link that sealed it. */
    record Seal(String period, long chainSeq, String eventId, String link, String closedBy, Instant closedAt) {}

    void seal(PeriodClosed closed, Link link) {
        jdbc.update(
                "MERGE INTO audit_chain_seal (period, chain_seq, event_id, link, closed_by, closed_at) KEY (period)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                closed.period().toString(),
                link.chainSeq(),
                link.eventId(),
                link.link(),
                closed.closedBy().value(),
                OffsetDateTime.ofInstant(closed.closedAt(), ZoneOffset.UTC));
    }

    List<Seal> seals() {
        return jdbc.query(
                "SELECT period, chain_seq, event_id, link, closed_by, closed_at FROM audit_chain_seal ORDER BY period",
                (row, n) -> new Seal(
                        row.getString("period"),
                        row.getLong("chain_seq"),
                        row.getString("event_id"),
                        row.getString("link"),
                        row.getString("closed_by"),
                        row.getObject("closed_at", OffsetDateTime.class).toInstant()));
    }

    /** The link at a position of the chain, if the chain reaches it. */
    Optional<String> linkAt(long chainSeq) {
        return jdbc
                .query("SELECT link FROM audit_chain WHERE chain_seq = ?", (row, n) -> row.getString(1), chainSeq)
                .stream()
                .findFirst();
    }

    /** Every link in chain order, streamed: the chain may be far larger than the heap. */
    void inChainOrder(Consumer<Link> consumer) {
        stream("SELECT " + COLUMNS + " FROM audit_chain ORDER BY chain_seq", consumer);
    }

    /** Every link in the order of the event log, streamed. */
    void inLogOrder(Consumer<Link> consumer) {
        stream("SELECT " + COLUMNS + " FROM audit_chain ORDER BY global_index, chain_seq", consumer);
    }

    private void stream(String sql, Consumer<Link> consumer) {
        jdbc.query(
                connection -> {
                    var statement = connection.prepareStatement(sql);
                    statement.setFetchSize(1_000);
                    return statement;
                },
                (java.sql.ResultSet row) -> consumer.accept(link(row, 0)));
    }

    private static Link link(java.sql.ResultSet row, int index) throws java.sql.SQLException {
        return new Link(
                row.getLong("chain_seq"),
                row.getLong("global_index"),
                row.getString("event_id"),
                row.getString("content_hash"),
                row.getString("link"));
    }
}
