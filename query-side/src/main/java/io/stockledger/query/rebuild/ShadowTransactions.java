package io.stockledger.query.rebuild;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * The projections' transactions, pointed at a shadow generation: while one is open, its connection resolves table
 * names in the shadow schema first and in the default schema after it. The projection's own handlers, unchanged,
 * therefore write the shadow tables, while the tracking token (whose table exists only in the default schema) commits
 * in the same transaction, as it does for the live processor. Both schemas live in the same database.
 */
final class ShadowTransactions implements TransactionManager {

    private final TransactionManager transactions;
    private final DataSource dataSource;
    private final String schema;

    ShadowTransactions(TransactionManager transactions, DataSource dataSource, String schema) {
        this.transactions = transactions;
        this.dataSource = dataSource;
        this.schema = schema;
    }

    @Override
    public Transaction startTransaction() {
        Transaction transaction = transactions.startTransaction();
        try {
            point("SET SCHEMA \"" + schema + "\"", "SET SCHEMA_SEARCH_PATH \"" + schema + "\", PUBLIC");
        } catch (RuntimeException e) {
            transaction.rollback();
            throw e;
        }
        return new Transaction() {
            @Override
            public void commit() {
                try {
                    restore();
                } finally {
                    transaction.commit();
                }
            }

            @Override
            public void rollback() {
                try {
                    restore();
                } finally {
                    transaction.rollback();
                }
            }
        };
    }

    /** A pooled connection goes back to the pool pointing where every other user expects it. */
    private void restore() {
        point("SET SCHEMA PUBLIC", "SET SCHEMA_SEARCH_PATH PUBLIC");
    }

    private void point(String schemaStatement, String searchPathStatement) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (Statement statement = connection.createStatement()) {
            statement.execute(schemaStatement);
            statement.execute(searchPathStatement);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot point the connection at " + schema, e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }
}
