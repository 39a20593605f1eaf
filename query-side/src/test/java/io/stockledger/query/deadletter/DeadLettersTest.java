package io.stockledger.query.deadletter;

import static io.stockledger.query.Ledger.position;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.stockledger.api.common.PositionId;
import io.stockledger.query.Ledger;
import io.stockledger.query.Projections;
import io.stockledger.query.QuerySideTest;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A projection that fails on an event parks it, and the rest of its position's events behind it, while other
 * positions keep flowing; operators list the dead letters, retry them once the cause is fixed, or evict them. The
 * failure is real: a database constraint that refuses one SKU, added and dropped by the test.
 */
@QuerySideTest
class DeadLettersTest {

    private static final PositionId POISONED = position("POISON-EA", "DC-EAST");
    private static final PositionId HEALTHY = position("WIDGET-EA", "DC-EAST");

    @Autowired
    Projections projections;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvc http;

    @Autowired
    ListableBeanFactory beans;

    private final Ledger ledger = new Ledger();

    @BeforeEach
    void clean() {
        projections.clear();
    }

    @AfterEach
    void cure() {
        jdbc.sql("ALTER TABLE stock_position DROP CONSTRAINT IF EXISTS poisoned")
                .update();
        jdbc.sql("ALTER TABLE audit_daily_change DROP CONSTRAINT IF EXISTS poisoned")
                .update();
    }

    @Test
    void parksTheFailedEventAndTheRestOfItsPositionWhileOtherPositionsFlowThenRetriesThem() throws Exception {
        poison("stock_position");
        TrackedEventMessage<?> receipt = ledger.receive(POISONED, "RCV-P", "2024-05-01T08:00:00Z", 10);
        projections.deliver(
                Projections.POSITIONS,
                receipt,
                ledger.receive(HEALTHY, "RCV-H", "2024-05-01T08:00:00Z", 5),
                ledger.ship(POISONED, "SHP-P", "2024-05-02T08:00:00Z", 3),
                ledger.ship(HEALTHY, "SHP-H", "2024-05-02T08:00:00Z", 1));

        http.perform(get("/api/v1/positions/WIDGET-EA/DC-EAST"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.onHand").value(4));
        http.perform(get("/api/v1/positions/POISON-EA/DC-EAST")).andExpect(status().isNotFound());
        http.perform(get("/api/v1/dead-letters/positions"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.sequences").value(1))
                .andExpect(jsonPath("$.letters").value(2))
                .andExpect(jsonPath("$.items[0].sequenceIdentifier").value("POISON-EA@DC-EAST"))
                .andExpect(jsonPath("$.items[0].letters[0].eventId").value(receipt.getIdentifier()))
                .andExpect(jsonPath("$.items[0].letters[0].causeType")
                        .value("org.springframework.dao.DataIntegrityViolationException"))
                .andExpect(
                        jsonPath("$.items[0].letters[1].payloadType").value("io.stockledger.api.stock.StockShipped"));
        http.perform(get("/api/v1/dead-letters"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.processingGroup == 'positions')].letters")
                        .value(2))
                .andExpect(jsonPath("$[?(@.processingGroup == 'audit-chain')]").isEmpty());

        cure();
        http.perform(post("/api/v1/dead-letters/positions/POISON-EA@DC-EAST/retries"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.succeeded").value(true))
                .andExpect(jsonPath("$.lettersLeft").value(0));

        http.perform(get("/api/v1/positions/POISON-EA/DC-EAST"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.onHand").value(7));
        http.perform(get("/api/v1/dead-letters/positions"))
                .andExpect(jsonPath("$.letters").value(0));
    }

    @Test
    void aRetryThatFailsAgainKeepsTheSequenceParked() throws Exception {
        poison("stock_position");
        projections.deliver(Projections.POSITIONS, ledger.receive(POISONED, "RCV-P", "2024-05-01T08:00:00Z", 10));

        http.perform(post("/api/v1/dead-letters/positions/POISON-EA@DC-EAST/retries"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.succeeded").value(false))
                .andExpect(jsonPath("$.lettersLeft").value(1));
    }

    @Test
    void aHandlerThatFailsPartWayLeavesNoneOfItsWritesBehind() throws Exception {
        // The audit projection writes the entry, then the day's total: the second write fails.
        poison("audit_daily_change");
        projections.deliver(Projections.AUDIT, ledger.receive(POISONED, "RCV-P", "2024-05-01T08:00:00Z", 10));

        assertThat(count("audit_entry"))
                .as("the entry written before the failure")
                .isZero();

        cure();
        http.perform(post("/api/v1/dead-letters/audit/POISON-EA@DC-EAST/retries"))
                .andExpect(jsonPath("$.succeeded").value(true));
        assertThat(count("audit_entry")).isOne();
        assertThat(count("audit_daily_change")).isOne();
    }

    @Test
    void evictsOneDeadLetterForGood() throws Exception {
        poison("stock_position");
        TrackedEventMessage<?> receipt = ledger.receive(POISONED, "RCV-P", "2024-05-01T08:00:00Z", 10);
        projections.deliver(Projections.POSITIONS, receipt, ledger.ship(POISONED, "SHP-P", "2024-05-02T08:00:00Z", 3));

        http.perform(delete("/api/v1/dead-letters/positions/POISON-EA@DC-EAST/" + receipt.getIdentifier()))
                .andExpect(status().isNoContent());
        http.perform(get("/api/v1/dead-letters/positions"))
                .andExpect(jsonPath("$.letters").value(1))
                .andExpect(
                        jsonPath("$.items[0].letters[0].payloadType").value("io.stockledger.api.stock.StockShipped"));
    }

    @Test
    void answersNotFoundForAnUnknownLetterSequenceOrProjection() throws Exception {
        http.perform(delete("/api/v1/dead-letters/positions/POISON-EA@DC-EAST/no-such-event"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:stockledger:problem:dead-letter-not-found"));
        http.perform(post("/api/v1/dead-letters/positions/NOTHING@DC-EAST/retries"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:stockledger:problem:dead-letter-not-found"));
        http.perform(get("/api/v1/dead-letters/audit-chain"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:stockledger:problem:dead-letter-queue-not-found"));
        http.perform(get("/api/v1/dead-letters/no-such-projection")).andExpect(status().isNotFound());
    }

    @Test
    void everyProjectionButTheHashChainParksAndKnowsFromMemoryThatNothingIsParked() {
        assertThat(DeadLetterConfiguration.parkingGroups(beans))
                .containsExactly("audit", "channel-availability", "finance", "positions", "reservations");

        // Without the sequence identifier cache, the invoker asks the queue's table before every event it hands over.
        jdbc.sql("SET QUERY_STATISTICS TRUE").update();
        try {
            for (int i = 0; i < 20; i++) {
                projections.deliver(
                        Projections.POSITIONS, ledger.receive(HEALTHY, "RCV-" + i, "2024-05-01T08:00:00Z", 1));
            }
            long queueReads = jdbc.sql(
                            "SELECT COALESCE(SUM(EXECUTION_COUNT), 0) FROM INFORMATION_SCHEMA.QUERY_STATISTICS"
                                    + " WHERE UPPER(SQL_STATEMENT) LIKE '%FROM DEADLETTERENTRY%'")
                    .query(Long.class)
                    .single();
            assertThat(queueReads)
                    .as("reads of the dead-letter queue for 20 events")
                    .isLessThan(20);
        } finally {
            jdbc.sql("SET QUERY_STATISTICS FALSE").update();
        }
    }

    private void poison(String table) {
        jdbc.sql("ALTER TABLE " + table + " ADD CONSTRAINT poisoned CHECK (sku <> 'POISON-EA')")
                .update();
    }

    private long count(String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE sku = 'POISON-EA'")
                .query(Long.class)
                .single();
    }
}
