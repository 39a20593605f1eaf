package io.stockledger.query.audit;

import static io.stockledger.query.Ledger.backorders;
import static io.stockledger.query.Ledger.balance;
import static io.stockledger.query.Ledger.position;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import io.stockledger.api.audit.AuditEntry;
import io.stockledger.api.audit.AuditFilter;
import io.stockledger.api.audit.AuditPage;
import io.stockledger.api.audit.FindAuditEntries;
import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Quantity;
import io.stockledger.api.stock.Balance;
import io.stockledger.api.stock.MovementRecorded;
import io.stockledger.api.stock.MovementType;
import io.stockledger.api.stock.PositionEvent;
import io.stockledger.api.stock.StockReceived;
import io.stockledger.query.Ledger;
import io.stockledger.query.Projections;
import io.stockledger.query.QuerySideTest;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@QuerySideTest
class AuditProjectionTest {

    private static final PositionId WIDGET_AT_EAST = position("WIDGET-EA", "DC-EAST");
    private static final PositionId WIDGET_AT_WEST = position("WIDGET-EA", "DC-WEST");

    @Autowired
    Projections projections;

    @Autowired
    QueryGateway queries;

    @Autowired
    JdbcClient jdbc;

    Ledger ledger;

    @BeforeEach
    void emptyProjections() {
        projections.clear();
        ledger = new Ledger().startingAt(0);
    }

    @Test
    void recordsEveryMetadataFieldOfAMovement() {
        TrackedEventMessage<?> receipt =
                ledger.because("PURCHASE").receive(WIDGET_AT_EAST, "RCV-1", "2024-05-01T08:00:00.250Z", 40, "12.50");

        projections.given(receipt);

        AuditEntry entry = single();
        assertThat(entry.globalPosition()).isZero();
        assertThat(entry.eventId()).isEqualTo(receipt.getIdentifier());
        assertThat(entry.eventType()).isEqualTo("StockReceived");
        assertThat(entry.movementId()).isEqualTo("RCV-1");
        assertThat(entry.movementType()).isEqualTo("RECEIPT");
        assertThat(entry.sku()).isEqualTo("WIDGET-EA");
        assertThat(entry.location()).isEqualTo("DC-EAST");
        assertThat(entry.quantity()).isEqualTo(40);
        assertThat(entry.occurredAt()).isEqualTo(Instant.parse("2024-05-01T08:00:00.250Z"));
        assertThat(entry.recordedAt()).isEqualTo(receipt.getTimestamp());
        assertThat(entry.sourceSystem()).isEqualTo("WMS-EAST");
        assertThat(entry.referenceType()).isEqualTo("ASN");
        assertThat(entry.referenceNumber()).isEqualTo("ASN-1001");
        assertThat(entry.reasonCode()).isEqualTo("PURCHASE");
        assertThat(entry.principal()).isEqualTo("wms-connector");
        assertThat(entry.correlationId()).isEqualTo("tx-1");
        assertThat(entry.before()).isEqualTo(Balance.ZERO);
        assertThat(entry.after()).isEqualTo(balance(40, 0, 0, 0, 0));
        assertThat(entry.attributes()).containsExactly(entry("unitCost", "12.50"));
    }

    @Test
    void showsTheBookingOfAMovementDatedInsideAClosedPeriodBesideItsBusinessTime() {
        projections.given(ledger.receive(WIDGET_AT_EAST, "RCV-LATE", "2024-04-20T08:00:00Z", 5)
                .andMetaData(new io.stockledger.api.finance.PeriodBooking(
                                java.time.YearMonth.parse("2024-05"), Instant.parse("2024-05-01T00:00:00Z"))
                        .asMetaData()));

        AuditEntry entry = single();
        assertThat(entry.occurredAt()).isEqualTo(Instant.parse("2024-04-20T08:00:00Z"));
        assertThat(entry.attributes())
                .containsEntry("bookedPeriod", "2024-05")
                .containsEntry("bookedAt", "2024-05-01T00:00:00Z");
    }

    @Test
    void recordsWhatEveryKindOfEventDidToEveryBucket() {
        List<TrackedEventMessage<?>> events = List.of(
                ledger.receive(WIDGET_AT_EAST, "RCV-1", "2024-05-01T08:00:00Z", 100),
                ledger.ship(WIDGET_AT_EAST, "SHP-1", "2024-05-01T09:00:00Z", 10),
                ledger.because("SHRINKAGE").adjust(WIDGET_AT_EAST, "ADJ-1", "2024-05-01T10:00:00Z", -3),
                ledger.because(null).count(WIDGET_AT_EAST, "CNT-1", "2024-05-01T11:00:00Z", 85),
                ledger.quarantine(WIDGET_AT_EAST, "QUA-1", "2024-05-01T12:00:00Z", 6),
                ledger.release(WIDGET_AT_EAST, "REL-1", "2024-05-01T13:00:00Z", 2),
                ledger.damage(WIDGET_AT_EAST, "DMG-1", "2024-05-01T14:00:00Z", 2, true),
                ledger.damage(WIDGET_AT_EAST, "DMG-2", "2024-05-01T14:30:00Z", 1, false),
                ledger.writeOff(WIDGET_AT_EAST, "WOF-1", "2024-05-01T15:00:00Z", 3),
                ledger.transferOut(WIDGET_AT_EAST, "TRF-1", "2024-05-01T16:00:00Z", 5, "DC-WEST"),
                ledger.putInTransit(WIDGET_AT_EAST, "TRF-9", "2024-05-01T17:00:00Z", 7, "DC-NORTH", "TRF-9"),
                ledger.transferIn(WIDGET_AT_EAST, "TRF-9-IN", "2024-05-01T18:00:00Z", 7, "TRF-9"),
                ledger.returned(WIDGET_AT_EAST, "RET-1", "2024-05-01T19:00:00Z", 4, true),
                ledger.returned(WIDGET_AT_EAST, "RET-2", "2024-05-01T19:30:00Z", 1, false),
                ledger.shortPick(WIDGET_AT_EAST, "SPK-1", "2024-05-01T20:00:00Z", 1),
                ledger.reserve(WIDGET_AT_EAST, "RES-1", "2024-05-01T21:00:00Z", 8, "WEB"),
                ledger.releaseReserved(WIDGET_AT_EAST, "RES-1-REL", "2024-05-01T21:30:00Z", 2, "RES-1"),
                ledger.shipReserved(WIDGET_AT_EAST, "RES-1-SHP", "2024-05-01T22:00:00Z", 3, "RES-1"));

        projections.given(events.toArray(TrackedEventMessage<?>[]::new));

        List<AuditEntry> entries = all();
        assertThat(entries).hasSameSizeAs(events);
        Balance before = Balance.ZERO;
        for (int i = 0; i < events.size(); i++) {
            MovementRecorded event = (MovementRecorded) events.get(i).getPayload();
            AuditEntry entry = entries.get(i);
            assertThat(entry.eventType()).isEqualTo(event.getClass().getSimpleName());
            assertThat(entry.movementType()).isEqualTo(event.movement().type().name());
            assertThat(entry.quantity()).isEqualTo(event.quantity().units());
            assertThat(entry.before()).as("before %s", entry.movementId()).isEqualTo(before);
            assertThat(entry.after()).as("after %s", entry.movementId()).isEqualTo(event.after());
            assertThat(changeOf(entry)).as("change of %s", entry.movementId()).isEqualTo(event.change());
            before = event.after();
        }
        assertThat(attributesByMovement(entries))
                .containsEntry("RCV-1", Map.of())
                .containsEntry("SHP-1", Map.of())
                .containsEntry("ADJ-1", Map.of())
                .containsEntry("CNT-1", Map.of("counted", "85", "difference", "-2"))
                .containsEntry("QUA-1", Map.of())
                .containsEntry("REL-1", Map.of())
                .containsEntry("DMG-1", Map.of("fromQuarantine", "true"))
                .containsEntry("DMG-2", Map.of("fromQuarantine", "false"))
                .containsEntry("WOF-1", Map.of())
                .containsEntry("TRF-1", Map.of("destination", "DC-WEST", "transferId", "TRF-1"))
                .containsEntry("TRF-9", Map.of("source", "DC-NORTH", "transferId", "TRF-9"))
                .containsEntry("TRF-9-IN", Map.of("transferId", "TRF-9"))
                .containsEntry("RET-1", Map.of("toQuarantine", "true"))
                .containsEntry("RET-2", Map.of("toQuarantine", "false"))
                .containsEntry("SPK-1", Map.of())
                .containsEntry("RES-1", Map.of("reservationId", "RES-1", "channel", "WEB"))
                .containsEntry("RES-1-REL", Map.of("reservationId", "RES-1"))
                .containsEntry("RES-1-SHP", Map.of("reservationId", "RES-1"));
        assertThat(entries)
                .filteredOn(e -> e.movementId().equals("ADJ-1"))
                .singleElement()
                .satisfies(adjustment -> assertThat(adjustment.reasonCode()).isEqualTo("SHRINKAGE"));
    }

    @Test
    void filesARecomputedCountDifferenceUnderTheCountWithTheProvenanceOfTheBackdatedMovement() {
        projections.given(
                ledger.receive(WIDGET_AT_EAST, "RCV-1", "2024-05-01T08:00:00Z", 10),
                ledger.count(WIDGET_AT_EAST, "CNT-1", "2024-05-02T08:00:00Z", 12));
        ledger.from(Ledger.origin("ERP", "PO", "PO-77", "finance-bot", "tx-late"));
        // As the command side records it: the later count absorbs the backdated receipt, on hand stays 12.
        StockReceived late = new StockReceived(
                WIDGET_AT_EAST,
                ledger.movement("RCV-0", MovementType.RECEIPT, "2024-05-01T09:00:00Z"),
                Quantity.of(5),
                null,
                ledger.current(WIDGET_AT_EAST));
        TrackedEventMessage<?> recorded = ledger.record(late);
        TrackedEventMessage<?> recomputed =
                ledger.recomputeCount(WIDGET_AT_EAST, "CNT-1", "2024-05-02T08:00:00Z", 2, -3, "RCV-0");

        projections.given(recorded, recomputed);

        AuditEntry entry = all().get(3);
        assertThat(entry.eventType()).isEqualTo("CountDifferenceRecomputed");
        assertThat(entry.movementId()).isEqualTo("CNT-1");
        assertThat(entry.movementType()).isEqualTo("COUNT");
        assertThat(entry.quantity()).isEqualTo(-3);
        assertThat(entry.occurredAt()).isEqualTo(Instant.parse("2024-05-02T08:00:00Z"));
        assertThat(entry.recordedAt()).isEqualTo(recomputed.getTimestamp());
        assertThat(entry.sourceSystem()).isEqualTo("ERP");
        assertThat(entry.referenceType()).isEqualTo("PO");
        assertThat(entry.referenceNumber()).isEqualTo("PO-77");
        assertThat(entry.principal()).isEqualTo("finance-bot");
        assertThat(entry.correlationId()).isEqualTo("tx-late");
        assertThat(entry.reasonCode()).isNull();
        assertThat(entry.before()).isEqualTo(balance(12, 0, 0, 0, 0));
        assertThat(entry.after()).isEqualTo(balance(12, 0, 0, 0, 0));
        assertThat(entry.attributes())
                .containsExactly(
                        entry("countMovementId", "CNT-1"),
                        entry("previousDifference", "2"),
                        entry("difference", "-3"),
                        entry("causedBy", "RCV-0"));
        assertThat(changeOf(entry)).isEqualTo(balance(-5, 0, 0, 0, 0));
    }

    @Test
    void filesAReservationShortfallUnderTheMovementThatCausedIt() {
        projections.given(
                ledger.receive(WIDGET_AT_EAST, "RCV-1", "2024-05-01T08:00:00Z", 10),
                ledger.reserve(WIDGET_AT_EAST, "RES-1", "2024-05-01T09:00:00Z", 6, "WEB"),
                ledger.from(Ledger.origin("WMS-EAST", "COUNT_SHEET", "CS-9", "counter", "tx-count"))
                        .count(WIDGET_AT_EAST, "CNT-1", "2024-05-01T10:00:00Z", 4));
        TrackedEventMessage<?> shortfall = ledger.shortfall(WIDGET_AT_EAST, 2, "RES-1", "CNT-1");

        projections.given(shortfall);

        AuditEntry entry = all().get(3);
        assertThat(entry.eventType()).isEqualTo("ReservationShortfallChanged");
        assertThat(entry.movementId()).isEqualTo("CNT-1");
        assertThat(entry.movementType()).isEqualTo("COUNT");
        assertThat(entry.quantity()).isEqualTo(2);
        assertThat(entry.occurredAt()).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
        assertThat(entry.recordedAt()).isEqualTo(shortfall.getTimestamp());
        assertThat(entry.correlationId()).isEqualTo("tx-count");
        assertThat(entry.referenceNumber()).isEqualTo("CS-9");
        assertThat(entry.before()).isEqualTo(balance(4, 6, 0, 0, 0));
        assertThat(entry.after()).isEqualTo(balance(4, 6, 0, 0, 0));
        assertThat(entry.attributes())
                .containsExactly(entry("shortfall", "2"), entry("shortages", "RES-1:2"), entry("causedBy", "CNT-1"));
        assertThat(changeOf(entry)).isEqualTo(Balance.ZERO);
    }

    @Test
    void recordsBackordersUnderTheirReservationWithTheBackorderedFiguresAndNoBucketChange() {
        projections.given(
                ledger.receive(WIDGET_AT_EAST, "RCV-1", "2024-05-01T08:00:00Z", 6),
                ledger.reserve(WIDGET_AT_EAST, "RES-1", "2024-05-01T09:00:00Z", 6, "WEB"),
                ledger.backordered(WIDGET_AT_EAST, "RES-1", "2024-05-01T09:00:00Z", 4, "WEB", backorders(4, 4, 4)),
                ledger.receive(WIDGET_AT_EAST, "RCV-2", "2024-05-02T08:00:00Z", 3),
                ledger.backorderFilled(
                        WIDGET_AT_EAST, "RES-1", "2024-05-02T08:00:00Z", 3, "WEB", "RCV-2", backorders(1, 1, 1)),
                ledger.backorderReleased(
                        WIDGET_AT_EAST, "RES-1", "2024-05-02T09:00:00Z", 1, "WEB", backorders(0, 0, 0)));

        List<AuditEntry> entries = all();
        AuditEntry backordered = entries.get(2);
        assertThat(backordered.eventType()).isEqualTo("StockBackordered");
        assertThat(backordered.movementId()).isEqualTo("RES-1");
        assertThat(backordered.movementType()).isEqualTo("RESERVATION");
        assertThat(backordered.quantity()).isEqualTo(4);
        assertThat(backordered.before()).isEqualTo(balance(6, 6, 0, 0, 0));
        assertThat(backordered.after()).isEqualTo(balance(6, 6, 0, 0, 0));
        assertThat(changeOf(backordered)).isEqualTo(Balance.ZERO);
        assertThat(backordered.attributes())
                .containsExactly(
                        entry("reservationId", "RES-1"),
                        entry("channel", "WEB"),
                        entry("backorderedForReservation", "4"),
                        entry("backorderedForChannel", "4"),
                        entry("backordered", "4"));

        AuditEntry filled = entries.get(4);
        assertThat(filled.eventType()).isEqualTo("BackorderFilled");
        assertThat(filled.movementType()).isEqualTo("RESERVATION");
        assertThat(filled.before()).isEqualTo(balance(9, 6, 0, 0, 0));
        assertThat(filled.after()).isEqualTo(balance(9, 9, 0, 0, 0));
        assertThat(changeOf(filled)).isEqualTo(balance(0, 3, 0, 0, 0));
        assertThat(filled.attributes()).containsEntry("causedBy", "RCV-2").containsEntry("backordered", "1");

        AuditEntry released = entries.get(5);
        assertThat(released.eventType()).isEqualTo("BackorderReleased");
        assertThat(released.movementType()).isEqualTo("RESERVATION_RELEASE");
        assertThat(released.quantity()).isEqualTo(1);
        assertThat(changeOf(released)).isEqualTo(Balance.ZERO);
        assertThat(released.attributes()).containsEntry("backordered", "0");
    }

    /** A new kind of position event in the contract must get its audit entry here first. */
    @Test
    void theseSpecsCoverEveryKindOfPositionEventInTheContract() {
        Set<String> covered = Set.of(
                "StockReceived",
                "StockShipped",
                "StockAdjusted",
                "StockCounted",
                "StockQuarantined",
                "StockReleasedFromQuarantine",
                "StockDamaged",
                "StockWrittenOff",
                "StockTransferredOut",
                "StockPutInTransit",
                "StockTransferredIn",
                "StockReturned",
                "StockShortPicked",
                "StockReserved",
                "ReservedStockReleased",
                "ReservedStockShipped",
                "CountDifferenceRecomputed",
                "ReservationShortfallChanged",
                "StockBackordered",
                "BackorderFilled",
                "BackorderReleased");

        assertThat(kindsOf(PositionEvent.class)).containsExactlyInAnyOrderElementsOf(covered);
    }

    @Test
    void aRedeliveredEventWritesNothing() {
        TrackedEventMessage<?> receipt = ledger.receive(WIDGET_AT_EAST, "RCV-1", "2024-05-01T08:00:00Z", 10);
        TrackedEventMessage<?> shipment = ledger.ship(WIDGET_AT_EAST, "SHP-1", "2024-05-01T09:00:00Z", 4);
        projections.given(receipt, shipment);
        List<AuditEntry> before = all();

        projections.given(shipment, receipt, shipment);

        assertThat(all()).isEqualTo(before);
        assertThat(dailyOnHandChange()).isEqualTo(6);
    }

    @Test
    void takesTheBucketsBeforeFromItsOwnRowsWhateverThePositionsProjectionDid() {
        projections.deliver(
                Projections.AUDIT,
                ledger.receive(WIDGET_AT_EAST, "RCV-1", "2024-05-01T08:00:00Z", 10),
                ledger.receive(WIDGET_AT_WEST, "RCV-2", "2024-05-01T08:00:00Z", 3),
                ledger.quarantine(WIDGET_AT_EAST, "QUA-1", "2024-05-01T09:00:00Z", 2));

        assertThat(all())
                .extracting(AuditEntry::movementId, AuditEntry::before)
                .containsExactly(
                        tuple("RCV-1", Balance.ZERO),
                        tuple("RCV-2", Balance.ZERO),
                        tuple("QUA-1", balance(10, 0, 0, 0, 0)));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM stock_position")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private static Set<String> kindsOf(Class<?> type) {
        if (!type.isSealed()) {
            return Set.of(type.getSimpleName());
        }
        return Arrays.stream(type.getPermittedSubclasses())
                .flatMap(kind -> kindsOf(kind).stream())
                .collect(Collectors.toSet());
    }

    @Test
    void recordsTheBucketsBeforeEachEventWhenABatchHoldsSeveralEventsOfAPositionOneOfThemLate() {
        TrackedEventMessage<?> receipt = ledger.receive(WIDGET_AT_EAST, "RCV-1", "2024-05-01T08:00:00Z", 100);
        TrackedEventMessage<?> shipment = ledger.ship(WIDGET_AT_EAST, "SHP-1", "2024-05-01T09:00:00Z", 10);
        TrackedEventMessage<?> adjustment =
                ledger.because("FOUND").adjust(WIDGET_AT_EAST, "ADJ-1", "2024-05-01T10:00:00Z", 5);
        TrackedEventMessage<?> elsewhere = ledger.receive(WIDGET_AT_WEST, "RCV-2", "2024-05-01T08:30:00Z", 7);

        // The shipment (the position's second event) arrives after the adjustment (its third), in the same batch.
        projections.deliverAsOneBatch(Projections.AUDIT, receipt, adjustment, elsewhere, shipment);

        Map<String, AuditEntry> byMovement =
                all().stream().collect(java.util.stream.Collectors.toMap(AuditEntry::movementId, e -> e));
        assertThat(byMovement.get("RCV-1").before()).isEqualTo(Balance.ZERO);
        assertThat(byMovement.get("ADJ-1").before()).isEqualTo(balance(100, 0, 0, 0, 0));
        assertThat(byMovement.get("SHP-1").before()).isEqualTo(balance(100, 0, 0, 0, 0));
        assertThat(byMovement.get("RCV-2").before()).isEqualTo(Balance.ZERO);

        // The next batch starts from what the table holds: the position's latest row is the adjustment's.
        projections.deliverAsOneBatch(
                Projections.AUDIT, ledger.ship(WIDGET_AT_EAST, "SHP-2", "2024-05-01T11:00:00Z", 1));
        assertThat(all())
                .filteredOn(e -> e.movementId().equals("SHP-2"))
                .singleElement()
                .satisfies(e ->
                        assertThat(e.before()).isEqualTo(byMovement.get("ADJ-1").after()));
    }

    private AuditEntry single() {
        List<AuditEntry> entries = all();
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }

    private List<AuditEntry> all() {
        return queries.query(new FindAuditEntries(AuditFilter.NONE, null, 1000), AuditPage.class)
                .join()
                .items();
    }

    private Balance changeOf(AuditEntry entry) {
        return jdbc.sql("SELECT change_on_hand AS on_hand, change_reserved AS reserved, change_quarantined AS"
                        + " quarantined, change_damaged AS damaged, change_in_transit AS in_transit"
                        + " FROM audit_entry WHERE event_id = :id")
                .param("id", entry.eventId())
                .query((row, n) -> AuditRows.balance(row, ""))
                .single();
    }

    private long dailyOnHandChange() {
        return jdbc.sql("SELECT SUM(on_hand) FROM audit_daily_change")
                .query(Long.class)
                .single();
    }

    private static Map<String, Map<String, String>> attributesByMovement(List<AuditEntry> entries) {
        return entries.stream().collect(Collectors.toMap(AuditEntry::movementId, AuditEntry::attributes));
    }
}
