package io.stockledger.command.platform;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How far the event log is on disk. After a group of commands has committed, {@link #syncThrough} makes the store
 * write and sync everything committed ({@link DiskSync}), then moves the durable head to the group's last event:
 * in memory, for the answers' {@code X-Event-Position}, and in {@code event_log_head}, which every reader of the log
 * reads up to. An event is therefore never seen by a reader, nor named to a client, before it is on disk.
 *
 * <p>The row is written without a sync of its own: a crash can only take it back to an older value, which hides
 * nothing that is not on disk.
 */
public class DurableLog {

    private final JdbcTemplate jdbc;
    private final DiskSync disk;
    private final AtomicLong head = new AtomicLong(-1);

    DurableLog(JdbcTemplate jdbc, DiskSync disk) {
        this.jdbc = jdbc;
        this.disk = disk;
        // What the store holds at start-up was read from its file, but may not have been synced by the process that
        // wrote it: sync once, then everything in the log is durable.
        syncThrough(lastCommittedIndex());
    }

    /** The global index of the last event this connection sees: after a group's commit, the group's last event. */
    long lastCommittedIndex() {
        Long last = jdbc.queryForObject("SELECT MAX(globalIndex) FROM DomainEventEntry", Long.class);
        return last == null ? -1 : last;
    }

    /** Syncs the store to disk, then declares every event up to {@code index} durable. */
    void syncThrough(long index) {
        disk.sync();
        long durable = head.accumulateAndGet(index, Math::max);
        jdbc.update("UPDATE event_log_head SET durable_index = ? WHERE id = 1 AND durable_index < ?", durable, durable);
    }

    /** The global index of the last event known to be on disk; -1 for an empty log. */
    public long head() {
        return head.get();
    }
}
