package io.stockledger.command.finance;

import io.stockledger.api.finance.PeriodClosed;
import io.stockledger.command.platform.GroupCommitCommandBus;
import java.time.YearMonth;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * How far the ledger's periods are closed, and the lock that keeps movements and closes apart. A subscribing handler
 * writes each close into {@code finance_closed_period} in the transaction that records {@link PeriodClosed}, and the
 * watermark in memory moves when that transaction has committed; at start-up it is read back from the table.
 *
 * <p>A movement command holds the read lock from its period check until its unit of work ends; a close holds the
 * write lock. So no movement dated inside a period can commit after that period's close, nor a close commit while a
 * movement checked against the old watermark is still in flight (within this process: see the architecture notes for
 * several instances).
 */
@Component
@ProcessingGroup(ClosedPeriods.PROCESSING_GROUP)
class ClosedPeriods implements GroupCommitCommandBus.RollbackListener {

    static final String PROCESSING_GROUP = "closed-periods";

    private final JdbcTemplate jdbc;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile YearMonth closedThrough;

    ClosedPeriods(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        groupRolledBack();
    }

    /** A close whose group rolled back moved the watermark in memory only: read it back from the table. */
    @Override
    public void groupRolledBack() {
        this.closedThrough =
                jdbc.query("SELECT MAX(period) FROM finance_closed_period", (row, n) -> row.getString(1)).stream()
                        .filter(period -> period != null)
                        .findFirst()
                        .map(YearMonth::parse)
                        .orElse(null);
    }

    /** Subscribing, failures propagated: the close and its row commit together or not at all. */
    @Autowired
    void configure(EventProcessingConfigurer processing) {
        processing.registerSubscribingEventProcessor(PROCESSING_GROUP);
        processing.registerListenerInvocationErrorHandler(
                PROCESSING_GROUP, configuration -> PropagatingErrorHandler.instance());
    }

    @EventHandler
    void on(PeriodClosed event) {
        jdbc.update(
                "INSERT INTO finance_closed_period (period, closed_by, closed_at) VALUES (?, ?, ?)",
                event.period().toString(),
                event.closedBy().value(),
                event.closedAt().atOffset(java.time.ZoneOffset.UTC));
        YearMonth period = event.period();
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> closedThrough = period);
        } else {
            closedThrough = period;
        }
    }

    /** A closed period as recorded: who closed it and when. */
    Optional<PeriodController.ClosedPeriod> find(YearMonth period) {
        return jdbc
                .query(
                        "SELECT period, closed_by, closed_at FROM finance_closed_period WHERE period = ?",
                        (row, n) -> new PeriodController.ClosedPeriod(
                                YearMonth.parse(row.getString("period")),
                                row.getString("closed_by"),
                                row.getObject("closed_at", java.time.OffsetDateTime.class)
                                        .toInstant()),
                        period.toString())
                .stream()
                .findFirst();
    }

    Optional<YearMonth> closedThrough() {
        return Optional.ofNullable(closedThrough);
    }

    ReadWriteLock lock() {
        return lock;
    }
}
