package io.stockledger.query.eventlog;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockledger.query.QuerySideTest;
import javax.sql.DataSource;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.test.util.ReflectionTestUtils;

/** A projection's rows and its tracking token commit, or roll back, together. */
@QuerySideTest
class ProjectionTransactionsTest {

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    TokenStore tokenStore;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource projectionsDatabase;

    @Test
    void everyProcessorUsesTheTransactionsOfTheProjectionsDatabase() {
        for (String processor : new String[] {"positions", "audit", "reservations"}) {
            TransactionManager transactions = processing.transactionManager(processor);
            assertThat(transactions).isInstanceOf(SpringTransactionManager.class);
            Object spring = ReflectionTestUtils.getField(transactions, "transactionManager");
            assertThat(spring).isInstanceOfSatisfying(JdbcTransactionManager.class, jdbcTransactions -> assertThat(
                            jdbcTransactions.getDataSource())
                    .isSameAs(projectionsDatabase));
            assertThat(processing.tokenStore(processor)).isSameAs(tokenStore);
        }
    }

    @Test
    void aRolledBackBatchLeavesNeitherRowsNorTokenBehind() {
        Transaction transaction = processing.transactionManager("audit").startTransaction();
        tokenStore.initializeTokenSegments("probe", 1, new GlobalSequenceTrackingToken(41));
        jdbc.sql("INSERT INTO audit_daily_change VALUES ('PROBE', 'DC-EAST', DATE '2024-05-01', 1, 0, 0, 0, 0)")
                .update();
        transaction.rollback();

        assertThat(tokenStore.fetchSegments("probe")).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_daily_change WHERE sku = 'PROBE'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aCommittedBatchKeepsBoth() {
        Transaction transaction = processing.transactionManager("audit").startTransaction();
        tokenStore.initializeTokenSegments("probe-committed", 1, new GlobalSequenceTrackingToken(41));
        jdbc.sql("INSERT INTO audit_daily_change VALUES ('PROBE-C', 'DC-EAST', DATE '2024-05-01', 1, 0, 0, 0, 0)")
                .update();
        transaction.commit();

        assertThat(tokenStore.fetchSegments("probe-committed")).containsExactly(0);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_daily_change WHERE sku = 'PROBE-C'")
                        .query(Long.class)
                        .single())
                .isOne();
        jdbc.sql("DELETE FROM TokenEntry WHERE processorName = 'probe-committed'")
                .update();
        jdbc.sql("DELETE FROM audit_daily_change WHERE sku = 'PROBE-C'").update();
    }
}
