package io.stockledger.query.audit;

import static io.stockledger.query.Ledger.position;
import static org.assertj.core.api.Assertions.assertThat;

import io.stockledger.api.common.PositionId;
import io.stockledger.query.Ledger;
import io.stockledger.query.Projections;
import io.stockledger.query.QuerySideTest;
import java.util.List;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The chain as its processor builds it, a batch at a time: the same links however the log delivered the events. */
@QuerySideTest
class AuditChainBatchTest {

    private static final PositionId WIDGET_AT_EAST = position("WIDGET-EA", "DC-EAST");
    private static final PositionId GADGET_AT_EAST = position("GADGET-EA", "DC-EAST");

    @Autowired
    Projections projections;

    @Autowired
    JdbcClient jdbc;

    TrackedEventMessage<?> receipt;
    TrackedEventMessage<?> otherReceipt;
    TrackedEventMessage<?> shipment;
    TrackedEventMessage<?> adjustment;

    @BeforeEach
    void givenFourRecordedEvents() {
        emptyChain();
        Ledger ledger = new Ledger().startingAt(0);
        receipt = ledger.receive(WIDGET_AT_EAST, "RCV-1", "2024-05-01T08:00:00Z", 100);
        otherReceipt = ledger.receive(GADGET_AT_EAST, "RCV-2", "2024-05-01T08:10:00Z", 5);
        shipment = ledger.ship(WIDGET_AT_EAST, "SHP-1", "2024-05-01T09:00:00Z", 10);
        adjustment = ledger.because("FOUND").adjust(WIDGET_AT_EAST, "ADJ-1", "2024-05-01T10:00:00Z", 5);
    }

    @Test
    void linksABatchAsEventByEventDelivery() {
        projections.deliver(AuditChain.PROCESSING_GROUP, receipt, otherReceipt, shipment, adjustment);
        List<String> oneByOne = chain();
        emptyChain();

        projections.deliverAsOneBatch(AuditChain.PROCESSING_GROUP, receipt, otherReceipt, shipment, adjustment);

        assertThat(chain()).hasSize(4).isEqualTo(oneByOne);
    }

    @Test
    void linksAnEventThatArrivesAfterLaterOnesInItsPlaceInLogOrder() {
        projections.deliver(AuditChain.PROCESSING_GROUP, receipt, otherReceipt, shipment, adjustment);
        List<String> inOrder = chain();
        emptyChain();

        // The other receipt committed late: the log delivers it after the two events recorded after it.
        projections.deliverAsOneBatch(AuditChain.PROCESSING_GROUP, receipt, shipment, adjustment, otherReceipt);

        assertThat(chain()).isEqualTo(inOrder);
    }

    @Test
    void replayingABatchLinksNothingTwice() {
        projections.deliverAsOneBatch(AuditChain.PROCESSING_GROUP, receipt, otherReceipt);
        projections.deliverAsOneBatch(AuditChain.PROCESSING_GROUP, shipment, adjustment);
        List<String> once = chain();

        projections.deliverAsOneBatch(AuditChain.PROCESSING_GROUP, receipt, otherReceipt, shipment, adjustment);

        assertThat(chain()).isEqualTo(once);
    }

    /**
     * The tests' databases are shared by every test context in the JVM: links to events that are not in the shared
     * event log would make any later chain verification wait for them.
     */
    @AfterEach
    void leaveNoLinks() {
        emptyChain();
    }

    /** Every link in chain order: position, event, content hash and link. */
    private List<String> chain() {
        return jdbc.sql(
                        "SELECT chain_seq, global_index, event_id, content_hash, link FROM audit_chain ORDER BY chain_seq")
                .query((row, n) -> row.getLong(1) + " " + row.getLong(2) + " " + row.getString(3) + " "
                        + row.getString(4) + " " + row.getString(5))
                .list();
    }

    private void emptyChain() {
        jdbc.sql("TRUNCATE TABLE audit_chain").update();
        jdbc.sql("TRUNCATE TABLE audit_chain_seal").update();
    }
}
