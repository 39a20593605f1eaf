package io.stockledger.query.audit;

import static io.stockledger.query.Ledger.origin;
import static io.stockledger.query.Ledger.position;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.stockledger.api.audit.AuditEntry;
import io.stockledger.api.audit.AuditFilter;
import io.stockledger.api.audit.AuditPage;
import io.stockledger.api.audit.FindAuditEntries;
import io.stockledger.api.audit.GetTrace;
import io.stockledger.api.audit.Trace;
import io.stockledger.api.common.CorrelationId;
import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Refusal;
import io.stockledger.query.Ledger;
import io.stockledger.query.Projections;
import io.stockledger.query.QuerySideTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.axonframework.queryhandling.QueryExecutionException;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Given a small ledger, the audit queries find exactly the entries each filter names. Entries are recorded one
 * second apart from 2024-06-01T08:00:01Z (global positions 0 to 7).
 */
@QuerySideTest
class AuditQueriesTest {

    private static final PositionId WIDGET_AT_EAST = position("WIDGET-EA", "DC-EAST");
    private static final PositionId WIDGET_AT_WEST = position("WIDGET-EA", "DC-WEST");
    private static final PositionId GADGET_AT_EAST = position("GADGET-EA", "DC-EAST");

    @Autowired
    Projections projections;

    @Autowired
    QueryGateway queries;

    @BeforeEach
    void givenALedger() {
        projections.clear();
        Ledger ledger = new Ledger().startingAt(0);
        projections.given(
                ledger.from(origin("WMS-EAST", "ASN", "ASN-1", "wms", "tx-receipts"))
                        .receive(WIDGET_AT_EAST, "RCV-1", "2024-05-01T08:00:00Z", 10),
                ledger.receive(GADGET_AT_EAST, "RCV-2", "2024-05-01T09:00:00Z", 20),
                ledger.from(origin("OMS", "ORDER", "SO-7", "shop", "tx-order-7"))
                        .ship(WIDGET_AT_EAST, "SHP-1", "2024-05-02T08:00:00Z", 3),
                ledger.ship(GADGET_AT_EAST, "SHP-2", "2024-05-02T08:00:00Z", 5),
                ledger.from(origin("WMS-EAST", "TRANSFER", "TO-1", "wms", "tx-transfer"))
                        .transferOut(WIDGET_AT_EAST, "TRF-1", "2024-05-03T08:00:00Z", 2, "DC-WEST"),
                ledger.putInTransit(WIDGET_AT_WEST, "TRF-1", "2024-05-03T08:00:00Z", 2, "DC-EAST", "TRF-1"),
                ledger.from(origin("WMS-WEST", "TRANSFER", "TO-1", "wms-west", "tx-transfer"))
                        .transferIn(WIDGET_AT_WEST, "TRF-1-IN", "2024-05-04T08:00:00Z", 2, "TRF-1"),
                ledger.from(origin("WMS-EAST", "COUNT_SHEET", "CS-1", "counter", "tx-count"))
                        .count(WIDGET_AT_EAST, "CNT-1", "2024-05-05T08:00:00Z", 4));
    }

    @Test
    void withoutFiltersFindsEveryEntryInGlobalOrder() {
        assertThat(positions(AuditFilter.NONE)).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
    }

    @Test
    void filtersBySku() {
        assertThat(movements(filter().sku("GADGET-EA"))).containsExactly("RCV-2", "SHP-2");
    }

    @Test
    void filtersByLocation() {
        assertThat(movements(filter().location("DC-WEST"))).containsExactly("TRF-1", "TRF-1-IN");
    }

    @Test
    void filtersBySkuAndLocationTogether() {
        assertThat(movements(filter().sku("WIDGET-EA").location("DC-EAST")))
                .containsExactly("RCV-1", "SHP-1", "TRF-1", "CNT-1");
    }

    @Test
    void filtersByBusinessTimeFromInclusiveToExclusive() {
        assertThat(movements(filter().occurred("2024-05-02T08:00:00Z", "2024-05-03T08:00:00Z")))
                .containsExactly("SHP-1", "SHP-2");
        assertThat(movements(filter().occurred("2024-05-04T08:00:00Z", null))).containsExactly("TRF-1-IN", "CNT-1");
        assertThat(movements(filter().occurred(null, "2024-05-01T09:00:00Z"))).containsExactly("RCV-1");
    }

    @Test
    void filtersByRecordedTimeFromInclusiveToExclusive() {
        assertThat(positions(filter().recorded("2024-06-01T08:00:03Z", "2024-06-01T08:00:05Z")
                        .build()))
                .containsExactly(2L, 3L);
        assertThat(positions(filter().recorded("2024-06-01T08:00:08Z", null).build()))
                .containsExactly(7L);
    }

    @Test
    void filtersByMovementType() {
        assertThat(movements(filter().movementType("SHIPMENT"))).containsExactly("SHP-1", "SHP-2");
        assertThat(movements(filter().movementType("IN_TRANSIT"))).containsExactly("TRF-1");
    }

    @Test
    void filtersByMovementId() {
        assertThat(filter().movementId("TRF-1").find())
                .extracting(AuditEntry::eventType)
                .containsExactly("StockTransferredOut", "StockPutInTransit");
    }

    @Test
    void filtersByReferenceDocument() {
        assertThat(movements(filter().referenceType("TRANSFER"))).containsExactly("TRF-1", "TRF-1", "TRF-1-IN");
        assertThat(movements(filter().referenceType("ORDER").referenceNumber("SO-7")))
                .containsExactly("SHP-1", "SHP-2");
        assertThat(movements(filter().referenceNumber("CS-1"))).containsExactly("CNT-1");
    }

    @Test
    void filtersByPrincipal() {
        assertThat(movements(filter().principal("wms-west"))).containsExactly("TRF-1-IN");
    }

    @Test
    void filtersByCorrelationId() {
        assertThat(movements(filter().correlationId("tx-transfer"))).containsExactly("TRF-1", "TRF-1", "TRF-1-IN");
    }

    @Test
    void combinesFiltersWithAnd() {
        assertThat(movements(filter().sku("WIDGET-EA")
                        .movementType("SHIPMENT")
                        .occurred("2024-05-01T00:00:00Z", "2024-05-03T00:00:00Z")))
                .containsExactly("SHP-1");
        assertThat(movements(filter().sku("GADGET-EA").location("DC-WEST"))).isEmpty();
    }

    @Test
    void pagesThroughEntriesWithTheCursor() {
        List<Long> seen = new ArrayList<>();
        List<String> cursors = new ArrayList<>();
        String cursor = null;
        do {
            AuditPage page = page(AuditFilter.NONE, cursor, 3);
            page.items().forEach(entry -> seen.add(entry.globalPosition()));
            cursor = page.next();
            cursors.add(cursor);
        } while (cursor != null);

        assertThat(seen).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(cursors).containsExactly("2", "5", null);
    }

    @Test
    void pagesThroughFilteredEntries() {
        AuditPage first = page(filter().sku("WIDGET-EA").build(), null, 2);
        AuditPage second = page(filter().sku("WIDGET-EA").build(), first.next(), 2);
        AuditPage third = page(filter().sku("WIDGET-EA").build(), second.next(), 2);

        assertThat(first.items()).extracting(AuditEntry::movementId).containsExactly("RCV-1", "SHP-1");
        assertThat(second.items()).extracting(AuditEntry::movementId).containsExactly("TRF-1", "TRF-1");
        assertThat(third.items()).extracting(AuditEntry::movementId).containsExactly("TRF-1-IN", "CNT-1");
        assertThat(third.next()).isNull();
    }

    @Test
    void refusesACursorThatIsNotOne() {
        for (String cursor : List.of("abc", "-1", "1.5")) {
            assertThatThrownBy(() -> page(AuditFilter.NONE, cursor, 10))
                    .isInstanceOf(CompletionException.class)
                    .cause()
                    .isInstanceOf(QueryExecutionException.class)
                    .satisfies(e -> assertThat(((QueryExecutionException) e).getDetails())
                            .containsInstanceOf(Refusal.class));
        }
    }

    @Test
    void tracesABusinessTransactionAcrossPositions() {
        Trace trace = queries.query(new GetTrace(CorrelationId.of("tx-transfer")), Trace.class)
                .join();

        assertThat(trace.correlationId()).isEqualTo("tx-transfer");
        assertThat(trace.entries())
                .extracting(AuditEntry::globalPosition, AuditEntry::location, AuditEntry::eventType)
                .containsExactly(
                        tuple(4L, "DC-EAST", "StockTransferredOut"),
                        tuple(5L, "DC-WEST", "StockPutInTransit"),
                        tuple(6L, "DC-WEST", "StockTransferredIn"));
    }

    @Test
    void anUnknownTransactionHasAnEmptyTrace() {
        assertThat(queries.query(new GetTrace(CorrelationId.of("tx-unknown")), Trace.class)
                        .join()
                        .entries())
                .isEmpty();
    }

    private Filter filter() {
        return new Filter();
    }

    private List<String> movements(Filter filter) {
        return filter.find().stream().map(AuditEntry::movementId).toList();
    }

    private List<Long> positions(AuditFilter filter) {
        return page(filter, null, 1000).items().stream()
                .map(AuditEntry::globalPosition)
                .toList();
    }

    private AuditPage page(AuditFilter filter, String after, int limit) {
        return queries.query(new FindAuditEntries(filter, after, limit), AuditPage.class)
                .join();
    }

    /** Reads like the query string of the API. */
    private final class Filter {
        private String sku, location, movementType, movementId, referenceType, referenceNumber, principal;
        private String correlationId;
        private Instant occurredFrom, occurredTo, recordedFrom, recordedTo;

        Filter sku(String value) {
            sku = value;
            return this;
        }

        Filter location(String value) {
            location = value;
            return this;
        }

        Filter occurred(String from, String to) {
            occurredFrom = from == null ? null : Instant.parse(from);
            occurredTo = to == null ? null : Instant.parse(to);
            return this;
        }

        Filter recorded(String from, String to) {
            recordedFrom = from == null ? null : Instant.parse(from);
            recordedTo = to == null ? null : Instant.parse(to);
            return this;
        }

        Filter movementType(String value) {
            movementType = value;
            return this;
        }

        Filter movementId(String value) {
            movementId = value;
            return this;
        }

        Filter referenceType(String value) {
            referenceType = value;
            return this;
        }

        Filter referenceNumber(String value) {
            referenceNumber = value;
            return this;
        }

        Filter principal(String value) {
            principal = value;
            return this;
        }

        Filter correlationId(String value) {
            correlationId = value;
            return this;
        }

        AuditFilter build() {
            return new AuditFilter(
                    sku,
                    location,
                    occurredFrom,
                    occurredTo,
                    recordedFrom,
                    recordedTo,
                    movementType,
                    movementId,
                    referenceType,
                    referenceNumber,
                    principal,
                    correlationId);
        }

        List<AuditEntry> find() {
            return page(build(), null, 1000).items();
        }
    }
}
