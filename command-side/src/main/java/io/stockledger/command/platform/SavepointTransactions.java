package io.stockledger.command.platform;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * A command's transaction inside its group's: a savepoint ({@code PROPAGATION_NESTED}). Committing it releases the
 * savepoint, rolling it back returns to it; either way the group's transaction goes on. Without a group's transaction
 * on the thread it is a transaction of its own.
 *
 * <p>Axon's {@code SpringTransactionManager} would not do: it commits and rolls back only a transaction it began
 * itself, and a savepoint is not one, so a refused command's writes would stay in the group.
 */
final class SavepointTransactions implements TransactionManager {

    private static final TransactionDefinition NESTED =
            new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_NESTED);

    private final PlatformTransactionManager transactions;

    SavepointTransactions(PlatformTransactionManager transactions) {
        this.transactions = transactions;
    }

    @Override
    public Transaction startTransaction() {
        TransactionStatus status = transactions.getTransaction(NESTED);
        return new Transaction() {
            @Override
            public void commit() {
                if (!status.isCompleted()) {
                    transactions.commit(status);
                }
            }

            @Override
            public void rollback() {
                if (!status.isCompleted()) {
                    transactions.rollback(status);
                }
            }
        };
    }
}
