package io.stockledger.query.audit;

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
        jdbc.update(
                "INSERT INTO audit_chain (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)",
                link.chainSeq(),
                link.globalIndex(),
                link.eventId(),
                link.contentHash(),
                link.link());
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
