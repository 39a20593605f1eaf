package io.stockledger.command.platform;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * In the Axon Server mode, a command's database transaction (the movement registry row, the reservation's expiry)
 * commits only after Axon Server has accepted the command's events. Axon commits the database transaction a command
 * handler runs in before the events are sent to Axon Server (both in the unit of work's commit phase, the
 * transaction first), so an append that Axon Server refuses (another instance appended to the same aggregate first)
 * would leave a registry row for a movement that is not in the log. Deferring the database commit to the end of the
 * commit phase turns that refusal into a rollback of both; the command is then retried ({@link CommandRetry}). A
 * database failure after Axon Server accepted the events remains possible (the process dies in between): the event is
 * in the log and its registry row is missing, which a repost of the same movement would record a second time.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "true")
class EventsFirstTransactions {

    @Bean
    TransactionManager axonTransactionManager(PlatformTransactionManager transactions) {
        return new EventsFirst(new SpringTransactionManager(transactions));
    }

    /** Commits each transaction at the very end of the commit phase of the unit of work it belongs to. */
    static final class EventsFirst implements TransactionManager {

        private final TransactionManager delegate;

        EventsFirst(TransactionManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public Transaction startTransaction() {
            Transaction transaction = delegate.startTransaction();
            return new Transaction() {
                private boolean deferred;

                @Override
                public void commit() {
                    if (!deferred && CurrentUnitOfWork.isStarted()) {
                        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
                        if (unitOfWork.phase() == UnitOfWork.Phase.COMMIT) {
                            // A handler added in the phase that is running is run after the ones already there,
                            // among them Axon Server's append.
                            deferred = true;
                            unitOfWork.onCommit(u -> transaction.commit());
                            return;
                        }
                    }
                    transaction.commit();
                }

                @Override
                public void rollback() {
                    transaction.rollback();
                }
            };
        }
    }
}
