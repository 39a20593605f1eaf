package io.stockledger.query.stock;

import static io.stockledger.query.Ledger.backorders;
import static io.stockledger.query.Ledger.balance;
import static io.stockledger.query.Ledger.position;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stockledger.api.common.LocationId;
import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Refusal;
import io.stockledger.api.common.Sku;
import io.stockledger.api.stock.Balance;
import io.stockledger.api.stock.FindPositions;
import io.stockledger.api.stock.GetPosition;
import io.stockledger.api.stock.PositionEvent;
import io.stockledger.api.stock.PositionPage;
import io.stockledger.api.stock.PositionView;
import io.stockledger.query.Ledger;
import io.stockledger.query.Projections;
import io.stockledger.query.QuerySideTest;
import io.stockledger.query.eventlog.EventLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryExecutionException;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@QuerySideTest
class PositionProjectionTest {

    private static final PositionId WIDGET_AT_EAST = position("WIDGET-EA", "DC-EAST");

    @Autowired
    Projections projections;

    @Autowired
    QueryGateway queries;

    Ledger ledger;

    @BeforeEach
    void emptyProjections() {
        projections.clear();
        ledger = new Ledger().startingAt(100);
    }

    @Test
    void takesTheBucketsAfterEveryKindOfEvent() {
        List<TrackedEventMessage<?>> events = List.of(
                ledger.receive(WIDGET_AT_EAST, "RCV-1", "2024-05-01T08:00:00Z", 100, "2.50"),
                ledger.ship(WIDGET_AT_EAST, "SHP-1", "2024-05-01T09:00:00Z", 10),
                ledger.adjust(WIDGET_AT_EAST, "ADJ-1", "2024-05-01T10:00:00Z", -3),
                ledger.count(WIDGET_AT_EAST, "CNT-1", "2024-05-01T11:00:00Z", 85),
                ledger.quarantine(WIDGET_AT_EAST, "QUA-1", "2024-05-01T12:00:00Z", 6),
                ledger.release(WIDGET_AT_EAST, "REL-1", "2024-05-01T13:00:00Z", 2),
                ledger.damage(WIDGET_AT_EAST, "DMG-1", "2024-05-01T14:00:00Z", 2, true),
                ledger.writeOff(WIDGET_AT_EAST, "WOF-1", "2024-05-01T15:00:00Z", 1),
                ledger.transferOut(WIDGET_AT_EAST, "TRF-1", "2024-05-01T16:00:00Z", 5, "DC-WEST"),
                ledger.putInTransit(WIDGET_AT_EAST, "TRF-9", "2024-05-01T17:00:00Z", 7, "DC-NORTH", "TRF-9"),
                ledger.transferIn(WIDGET_AT_EAST, "TRF-9-IN", "2024-05-01T18:00:00Z", 7, "TRF-9"),
                ledger.returned(WIDGET_AT_EAST, "RET-1", "2024-05-01T19:00:00Z", 4, true),
                ledger.shortPick(WIDGET_AT_EAST, "SPK-1", "2024-05-01T20:00:00Z", 1),
                ledger.recomputeCount(WIDGET_AT_EAST, "CNT-1", "2024-05-01T11:00:00Z", -2, -5, "ADJ-1"),
                ledger.reserve(WIDGET_AT_EAST, "RES-1", "2024-05-01T21:00:00Z", 8, "WEB"),
                ledger.releaseReserved(WIDGET_AT_EAST, "RES-1-REL", "2024-05-01T21:30:00Z", 2, "RES-1"),
                ledger.shipReserved(WIDGET_AT_EAST, "RES-1-SHP", "2024-05-01T22:00:00Z", 3, "RES-1"),
                ledger.shortfall(WIDGET_AT_EAST, 1, "RES-1", "RES-1-SHP"));

        for (TrackedEventMessage<?> event : events) {
            projections.given(event);

            Balance after = ((PositionEvent) event.getPayload()).after();
            assertThat(view(WIDGET_AT_EAST))
                    .hasValueSatisfying(view -> assertThat(buckets(view)).isEqualTo(after))
                    .hasValueSatisfying(view -> assertThat(view.available())
                            .isEqualTo(after.available().units()))
                    .hasValueSatisfying(view -> assertThat(view.eventPosition())
                            .isEqualTo(event.trackingToken().position().orElseThrow()));
        }
        assertThat(view(WIDGET_AT_EAST).orElseThrow().lastRecordedAt()).isEqualTo(ledger.lastRecordedAt());
        assertThat(view(WIDGET_AT_EAST).orElseThrow().shortfall()).isEqualTo(1);
    }

    @Test
    void recordsWhenThePositionLastChangedAndWhichEventItReflects() {
        projections.given(ledger.receive(WIDGET_AT_EAST, "RCV-1", "2024-05-01T08:00:00Z", 10));
        TrackedEventMessage<?> shipment = ledger.ship(WIDGET_AT_EAST, "SHP-1", "2024-05-02T08:00:00.123Z", 4);
        projections.given(shipment);

        PositionView view = view(WIDGET_AT_EAST).orElseThrow();
        assertThat(view.sku()).isEqualTo(Sku.of("WIDGET-EA"));
        assertThat(view.location()).isEqualTo(LocationId.of("DC-EAST"));
        assertThat(view.onHand()).isEqualTo(6);
        assertThat(view.lastOccurredAt()).isEqualTo(Instant.parse("2024-05-02T08:00:00.123Z"));
        assertThat(view.lastRecordedAt()).isEqualTo(shipment.getTimestamp());
        assertThat(view.eventPosition()).isEqualTo(101);
    }

    /**
     * On the embedded store a gap-filling event can arrive after events with higher global indexes: its tracking
     * token's position is then past its own index, which the event log hands over in its metadata.
     */
    @Test
    void reflectsTheEventsOwnGlobalIndexNotItsTokensPosition() {
        TrackedEventMessage<?> lateGapFiller =
                (TrackedEventMessage<?>) ledger.receive(WIDGET_AT_EAST, "RCV-1", "2024-05-01T08:00:00Z", 10)
                        .andMetaData(Map.of(EventLog.GLOBAL_INDEX, "42"));
        assertThat(lateGapFiller.trackingToken().position()).hasValue(100);

        projections.given(lateGapFiller);

        assertThat(view(WIDGET_AT_EAST).orElseThrow().eventPosition()).isEqualTo(42);
    }

    @Test
    void aBackdatedMovementDoesNotMakeThePositionLookOlder() {
        projections.given(
                ledger.receive(WIDGET_AT_EAST, "RCV-1", "2024-05-03T08:00:00Z", 10),
                ledger.receive(WIDGET_AT_EAST, "RCV-0", "2024-04-01T08:00:00Z", 5));

        PositionView view = view(WIDGET_AT_EAST).orElseThrow();
        assertThat(view.onHand()).isEqualTo(15);
        assertThat(view.lastOccurredAt()).isEqualTo(Instant.parse("2024-05-03T08:00:00Z"));
    }

    @Test
    void aReservationShortfallKeepsTheLastBusinessTime() {
        projections.given(
                ledger.receive(WIDGET_AT_EAST, "RCV-1", "2024-05-01T08:00:00Z", 10),
                ledger.reserve(WIDGET_AT_EAST, "RES-1", "2024-05-01T09:00:00Z", 6, "WEB"),
                ledger.adjust(WIDGET_AT_EAST, "ADJ-1", "2024-05-01T10:00:00Z", -5));
        TrackedEventMessage<?> shortfall = ledger.shortfall(WIDGET_AT_EAST, 1, "RES-1", "ADJ-1");

        projections.given(shortfall);

        PositionView view = view(WIDGET_AT_EAST).orElseThrow();
        assertThat(view.available()).isEqualTo(-1);
        assertThat(view.lastOccurredAt()).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
        assertThat(view.lastRecordedAt()).isEqualTo(shortfall.getTimestamp());
        assertThat(view.eventPosition())
                .isEqualTo(shortfall.trackingToken().position().orElseThrow());
    }

    @Test
    void showsTheReservationShortfallThePositionLastStated() {
        projections.given(
                ledger.receive(WIDGET_AT_EAST, "RCV-1", "2024-05-01T08:00:00Z", 10),
                ledger.reserve(WIDGET_AT_EAST, "RES-1", "2024-05-01T09:00:00Z", 6, "WEB"),
                ledger.reserve(WIDGET_AT_EAST, "RES-2", "2024-05-01T09:30:00Z", 4, "WEB"));
        assertThat(view(WIDGET_AT_EAST).orElseThrow().shortfall()).isZero();

        projections.given(
                ledger.adjust(WIDGET_AT_EAST, "ADJ-1", "2024-05-01T10:00:00Z", -3),
                ledger.shortfall(WIDGET_AT_EAST, 3, "ADJ-1", Ledger.shortage("RES-2", 3)));
        assertThat(view(WIDGET_AT_EAST).orElseThrow())
                .satisfies(view -> assertThat(view.shortfall()).isEqualTo(3))
                .satisfies(view -> assertThat(view.available()).isEqualTo(-3));

        projections.given(ledger.shipReserved(WIDGET_AT_EAST, "SHP-1", "2024-05-01T11:00:00Z", 2, "RES-1"));
        assertThat(view(WIDGET_AT_EAST).orElseThrow().shortfall()).isEqualTo(3);

        projections.given(
                ledger.receive(WIDGET_AT_EAST, "RCV-2", "2024-05-01T12:00:00Z", 5),
                ledger.shortfall(WIDGET_AT_EAST, 0, "RCV-2"));
        assertThat(view(WIDGET_AT_EAST).orElseThrow())
                .satisfies(view -> assertThat(view.shortfall()).isZero())
                .satisfies(view -> assertThat(view.available()).isEqualTo(2));
    }

    @Test
    void aShortfallDeliveredAgainOrLateChangesNothing() {
        projections.given(
                ledger.receive(WIDGET_AT_EAST, "RCV-1", "2024-05-01T08:00:00Z", 10),
                ledger.reserve(WIDGET_AT_EAST, "RES-1", "2024-05-01T09:00:00Z", 6, "WEB"),
                ledger.count(WIDGET_AT_EAST, "CNT-1", "2024-05-01T10:00:00Z", 4));
        TrackedEventMessage<?> short2 = ledger.shortfall(WIDGET_AT_EAST, 2, "RES-1", "CNT-1");
        TrackedEventMessage<?> receipt = ledger.receive(WIDGET_AT_EAST, "RCV-2", "2024-05-01T11:00:00Z", 1);
        TrackedEventMessage<?> short1 = ledger.shortfall(WIDGET_AT_EAST, 1, "RES-1", "RCV-2");
        projections.given(short2, receipt, short1);
        PositionView before = view(WIDGET_AT_EAST).orElseThrow();

        projections.given(short1, short2);

        assertThat(view(WIDGET_AT_EAST)).contains(before);
        assertThat(before.shortfall()).isEqualTo(1);
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        TrackedEventMessage<?> receipt = ledger.receive(WIDGET_AT_EAST, "RCV-1", "2024-05-01T08:00:00Z", 10);
        TrackedEventMessage<?> shipment = ledger.ship(WIDGET_AT_EAST, "SHP-1", "2024-05-01T09:00:00Z", 4);
        projections.given(receipt, shipment);
        PositionView before = view(WIDGET_AT_EAST).orElseThrow();

        projections.given(shipment, receipt);

        assertThat(view(WIDGET_AT_EAST)).contains(before);
    }

    @Test
    void anUnknownPositionHasNoView() {
        assertThat(view(WIDGET_AT_EAST)).isEmpty();
    }

    @Test
    void listsPositionsBySkuThenLocation() {
        givenPositions("B@DC-1", "A@DC-2", "A@DC-1", "C@DC-1");

        assertThat(ids(find(null, null, null, 10).items())).containsExactly("A@DC-1", "A@DC-2", "B@DC-1", "C@DC-1");
    }

    @Test
    void filtersPositionsBySkuLocationOrBoth() {
        givenPositions("A@DC-1", "A@DC-2", "B@DC-1", "B@DC-2");

        assertThat(ids(find("A", null, null, 10).items())).containsExactly("A@DC-1", "A@DC-2");
        assertThat(ids(find(null, "DC-2", null, 10).items())).containsExactly("A@DC-2", "B@DC-2");
        assertThat(ids(find("B", "DC-1", null, 10).items())).containsExactly("B@DC-1");
        assertThat(find("Z", null, null, 10).items()).isEmpty();
    }

    @Test
    void pagesThroughPositionsWithTheCursor() {
        givenPositions("A@DC-1", "A@DC-2", "B@DC-1", "B@DC-2", "C@DC-1");

        List<String> seen = new ArrayList<>();
        List<String> cursors = new ArrayList<>();
        String cursor = null;
        do {
            PositionPage page = find(null, null, cursor, 2);
            seen.addAll(ids(page.items()));
            cursor = page.next();
            cursors.add(cursor);
        } while (cursor != null);

        assertThat(seen).containsExactly("A@DC-1", "A@DC-2", "B@DC-1", "B@DC-2", "C@DC-1");
        assertThat(cursors).containsExactly("A@DC-2", "B@DC-2", null);
    }

    @Test
    void theLastFullPageHasNoNext() {
        givenPositions("A@DC-1", "A@DC-2");

        assertThat(find(null, null, null, 2).next()).isNull();
    }

    @Test
    void refusesACursorThatIsNotOne() {
        assertThatThrownBy(() -> find(null, null, "not-a-position", 10))
                .isInstanceOf(CompletionException.class)
                .cause()
                .isInstanceOf(QueryExecutionException.class)
                .satisfies(e ->
                        assertThat(((QueryExecutionException) e).getDetails()).containsInstanceOf(Refusal.class));
    }

    private void givenPositions(String... ids) {
        for (String id : ids) {
            projections.given(
                    ledger.receive(PositionId.parse(id), "RCV-" + id.replace('@', '.'), "2024-05-01T08:00:00Z", 1));
        }
    }

    @Test
    void backorderedUnitsAreTheirOwnFigureBesideTheBuckets() {
        projections.given(
                ledger.receive(WIDGET_AT_EAST, "RCV-1", "2024-05-01T08:00:00Z", 6),
                ledger.reserve(WIDGET_AT_EAST, "RES-1", "2024-05-01T09:00:00Z", 6, "WEB"),
                ledger.backordered(WIDGET_AT_EAST, "RES-1", "2024-05-01T09:00:00Z", 4, "WEB", backorders(4, 4, 4)));

        PositionView backordered = view(WIDGET_AT_EAST).orElseThrow();
        assertThat(backordered.backordered()).isEqualTo(4);
        assertThat(backordered.reserved()).isEqualTo(6);
        assertThat(backordered.available()).as("never below zero by backorders").isZero();

        projections.given(
                ledger.receive(WIDGET_AT_EAST, "RCV-2", "2024-05-02T08:00:00Z", 5),
                ledger.backorderFilled(
                        WIDGET_AT_EAST, "RES-1", "2024-05-02T08:00:00Z", 4, "WEB", "RCV-2", backorders(0, 0, 0)));

        PositionView covered = view(WIDGET_AT_EAST).orElseThrow();
        assertThat(covered.backordered()).isZero();
        assertThat(covered.reserved()).isEqualTo(10);
        assertThat(covered.available()).isEqualTo(1);
    }

    @Test
    void aPositionWhoseFirstEventIsABackorderIsKnown() {
        projections.given(
                ledger.backordered(WIDGET_AT_EAST, "RES-1", "2024-05-01T09:00:00Z", 3, "WEB", backorders(3, 3, 3)));

        PositionView view = view(WIDGET_AT_EAST).orElseThrow();
        assertThat(view.backordered()).isEqualTo(3);
        assertThat(view.onHand()).isZero();
        assertThat(view.lastOccurredAt()).isEqualTo(Instant.parse("2024-05-01T09:00:00Z"));
    }

    private Optional<PositionView> view(PositionId position) {
        return queries.query(new GetPosition(position), ResponseTypes.optionalInstanceOf(PositionView.class))
                .join();
    }

    private PositionPage find(String sku, String location, String after, int limit) {
        return queries.query(
                        new FindPositions(
                                sku == null ? null : Sku.of(sku),
                                location == null ? null : LocationId.of(location),
                                after,
                                limit),
                        PositionPage.class)
                .join();
    }

    private static List<String> ids(List<PositionView> views) {
        return views.stream()
                .map(view -> new PositionId(view.sku(), view.location()).toString())
                .toList();
    }

    private static Balance buckets(PositionView view) {
        return balance(view.onHand(), view.reserved(), view.quarantined(), view.damaged(), view.inTransit());
    }
}
