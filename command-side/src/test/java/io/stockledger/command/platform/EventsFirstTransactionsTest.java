package io.stockledger.command.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;

class EventsFirstTransactionsTest {

    private final List<String> log = new ArrayList<>();
    private final TransactionManager database = () -> new Transaction() {
        @Override
        public void commit() {
            log.add("database commit");
        }

        @Override
        public void rollback() {
            log.add("database rollback");
        }
    };
    private final TransactionManager eventsFirst = new EventsFirstTransactions.EventsFirst(database);

    @Test
    void commitsTheDatabaseAfterAxonServerAcceptedTheEvents() {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericMessage.asMessage("command"));
        unitOfWork.attachTransaction(eventsFirst);
        // Axon Server's append registers its commit while the events are prepared, after the transaction.
        unitOfWork.onPrepareCommit(u -> u.onCommit(c -> log.add("events appended")));

        unitOfWork.commit();

        assertThat(log).containsExactly("events appended", "database commit");
    }

    @Test
    void rollsTheDatabaseBackWhenAxonServerRefusesTheEvents() {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericMessage.asMessage("command"));
        unitOfWork.attachTransaction(eventsFirst);
        unitOfWork.onPrepareCommit(u -> u.onCommit(c -> {
            throw new IllegalStateException("another instance appended to the aggregate first");
        }));

        assertThatThrownBy(unitOfWork::commit).hasMessageContaining("appended to the aggregate first");

        assertThat(log).containsExactly("database rollback");
    }

    @Test
    void commitsAtOnceOutsideAUnitOfWork() {
        eventsFirst.startTransaction().commit();

        assertThat(log).containsExactly("database commit");
    }
}
