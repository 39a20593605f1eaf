package io.stockledger.command.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandResultMessage;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.common.caching.Cache;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit: commands from concurrent requests are handled in groups, one database transaction and one sync to
 * disk per group, and each command is still judged alone.
 *
 * <p>A dispatched command waits in a queue (its dispatch interceptors have run on the caller's thread). One thread,
 * the committer, takes everything queued (up to {@code maxGroupSize}), opens the group's transaction and hands each
 * command to Axon exactly as {@link SimpleCommandBus} would: a unit of work of its own, its aggregates loaded,
 * locked and cached as usual, its events appended and its subscribing handlers (the movement registry, expiries)
 * run. The command's own transaction is a savepoint in the group's ({@link SavepointTransactions}): a refused or
 * failed command rolls back to it, which takes back its writes and nothing else, and Axon drops the aggregates it
 * touched from the cache, so the next command reloads them from the group's connection, which sees the group's
 * earlier writes. The group then commits, the store is synced to disk ({@link DurableLog}), and only then is any
 * command of the group answered.
 *
 * <p>Should the group's commit or sync fail, nothing of it is answered as done: the aggregate cache is cleared and
 * each command of the group is run again in a group of its own, so one command's fault fails only that command.
 *
 * <p>Commands dispatched by a handler on the committer thread run at once, inside the running group; those an event
 * processor sends (a transfer's units put in transit at its destination) go into the next group before any request. There is one
 * committer, so commands never wait for each other's aggregate locks; readers on other threads (a reservation's
 * state read after its command) may.
 */
public class GroupCommitCommandBus extends SimpleCommandBus {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitCommandBus.class);

    private final BlockingQueue<Pending<?, ?>> queue = new LinkedBlockingQueue<>();
    /** Commands the ledger sends itself from an event handler (a transfer's units put in transit): taken first. */
    private final Queue<Pending<?, ?>> followUps = new ConcurrentLinkedQueue<>();

    private final TransactionTemplate groupTransactions;
    private final DurableLog durableLog;
    private final Cache aggregateCache;
    private final List<RollbackListener> rollbackListeners;
    private final int maxGroupSize;
    private final Thread committer;
    private volatile boolean closing;

    GroupCommitCommandBus(
            Builder builder,
            TransactionTemplate groupTransactions,
            DurableLog durableLog,
            Cache aggregateCache,
            List<RollbackListener> rollbackListeners,
            int maxGroupSize) {
        super(builder);
        this.groupTransactions = groupTransactions;
        this.durableLog = durableLog;
        this.aggregateCache = aggregateCache;
        this.rollbackListeners = List.copyOf(rollbackListeners);
        this.maxGroupSize = maxGroupSize;
        this.committer = new Thread(this::commitGroups, "command-groups");
        this.committer.setDaemon(true);
        this.committer.start();
    }

    @Override
    protected <C, R> void doDispatch(CommandMessage<C> command, CommandCallback<? super C, ? super R> callback) {
        if (Thread.currentThread() == committer) {
            super.doDispatch(command, callback);
            return;
        }
        if (closing) {
            callback.onResult(command, GenericCommandResultMessage.asCommandResultMessage(unavailable()));
            return;
        }
        Pending<C, R> pending = new Pending<>(command, callback, MDC.getCopyOfContextMap());
        if (CurrentUnitOfWork.isStarted()) {
            // Sent by a handler of an event already recorded (an event processor's unit of work): it goes before the
            // requests waiting, so that what follows from a movement does not wait behind every client's bulk.
            followUps.add(pending);
            queue.add(WAKE_UP);
        } else {
            queue.add(pending);
        }
    }

    /**
     * Stops taking commands (later ones are answered as unavailable), handles those already queued, and returns once
     * the committer has finished. Called before the store closes.
     */
    public void close() {
        closing = true;
        committer.interrupt();
        try {
            committer.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void commitGroups() {
        List<Pending<?, ?>> group = new ArrayList<>(maxGroupSize);
        while (!closing || !queue.isEmpty() || !followUps.isEmpty()) {
            try {
                Pending<?, ?> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (followUps.isEmpty()) {
                        continue;
                    }
                    first = WAKE_UP;
                }
                while (group.size() < maxGroupSize - 1) {
                    Pending<?, ?> followUp = followUps.poll();
                    if (followUp == null) {
                        break;
                    }
                    group.add(followUp);
                }
                if (first != WAKE_UP) {
                    group.add(first);
                }
                queue.drainTo(group, maxGroupSize - group.size());
                group.removeIf(pending -> pending == WAKE_UP);
                if (!group.isEmpty()) {
                    commit(group);
                }
            } catch (InterruptedException interrupted) {
                // close(): the loop ends once the queue is empty
            } catch (RuntimeException unexpected) {
                log.error("Command group failed outside of its commands", unexpected);
                group.forEach(
                        pending -> pending.answer(GenericCommandResultMessage.asCommandResultMessage(unexpected)));
            } finally {
                group.clear();
            }
        }
    }

    /**
     * Handles, commits, syncs and answers one group. A group whose transaction fails is run again one command at a
     * time. A group that committed but could not be synced is answered as failed, its outcome unknown: its events stay
     * below the durable head's reach until a later sync covers them, and a client's retry of a movement is idempotent.
     */
    private void commit(List<Pending<?, ?>> group) {
        Long last;
        try {
            last = groupTransactions.execute(status -> {
                group.forEach(this::handle);
                return durableLog.lastCommittedIndex();
            });
        } catch (RuntimeException failure) {
            rolledBack();
            if (group.size() == 1) {
                group.get(0).answer(GenericCommandResultMessage.asCommandResultMessage(failure));
                return;
            }
            log.warn(
                    "A group of {} commands failed to commit ({}); handling each on its own",
                    group.size(),
                    failure.toString());
            for (Pending<?, ?> pending : group) {
                commit(List.of(pending));
            }
            return;
        }
        try {
            if (last != null && last > durableLog.head()) {
                durableLog.syncThrough(last);
            }
        } catch (RuntimeException failure) {
            log.error(
                    "A group of {} commands committed but the store could not be synced to disk",
                    group.size(),
                    failure);
            StoreUnavailable unknownOutcome =
                    new StoreUnavailable("the event store could not be synced to disk", failure);
            group.forEach(
                    pending -> pending.answer(GenericCommandResultMessage.asCommandResultMessage(unknownOutcome)));
            return;
        }
        group.forEach(Pending::answerWithResult);
    }

    private <C, R> void handle(Pending<C, R> pending) {
        Map<String, String> callerContext = pending.logContext();
        if (callerContext != null) {
            MDC.setContextMap(callerContext);
        }
        try {
            super.doDispatch(pending.command(), (CommandCallback<C, R>) (command, result) -> pending.result = result);
        } finally {
            MDC.clear();
        }
    }

    /** What the rolled-back group left in memory is gone: cached aggregates, and whatever listeners keep. */
    private void rolledBack() {
        aggregateCache.removeAll();
        rollbackListeners.forEach(RollbackListener::groupRolledBack);
    }

    /** Put in the queue when a follow-up arrives, so that a committer waiting for requests wakes up. */
    private static final Pending<?, ?> WAKE_UP = new Pending<>(null, null, null);

    private static NoHandlerForCommandException unavailable() {
        return new NoHandlerForCommandException("the command side is shutting down; try again");
    }

    /**
     * Told when a group's transaction rolled back after its commands had run: whatever a command's handlers put in
     * memory when its unit of work committed is to be read again from the store.
     */
    public interface RollbackListener {

        void groupRolledBack();
    }

    /** The store could not make a group durable: whether its commands are recorded is not known. */
    static final class StoreUnavailable extends RuntimeException {

        StoreUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A command waiting for its group, its result once handled, and whom to answer. */
    private static final class Pending<C, R> {

        private final CommandMessage<C> command;
        private final CommandCallback<? super C, ? super R> callback;
        private final Map<String, String> logContext;
        private CommandResultMessage<? extends R> result;

        Pending(
                CommandMessage<C> command,
                CommandCallback<? super C, ? super R> callback,
                Map<String, String> logContext) {
            this.command = command;
            this.callback = callback;
            this.logContext = logContext;
        }

        CommandMessage<C> command() {
            return command;
        }

        Map<String, String> logContext() {
            return logContext;
        }

        void answerWithResult() {
            callback.onResult(command, result);
        }

        @SuppressWarnings("unchecked")
        void answer(CommandResultMessage<?> failure) {
            callback.onResult(command, (CommandResultMessage<? extends R>) failure);
        }
    }
}
