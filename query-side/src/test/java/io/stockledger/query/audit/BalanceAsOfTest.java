package io.stockledger.query.audit;

import static io.stockledger.query.Ledger.position;
import static org.assertj.core.api.Assertions.assertThat;

import io.stockledger.api.common.PositionId;
import io.stockledger.api.stock.Balance;
import io.stockledger.api.stock.BalanceAsOf;
import io.stockledger.api.stock.GetBalanceAsOf;
import io.stockledger.api.stock.MovementRecorded;
import io.stockledger.api.stock.StockCounted;
import io.stockledger.query.Ledger;
import io.stockledger.query.Projections;
import io.stockledger.query.QuerySideTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@QuerySideTest
class BalanceAsOfTest {

    private static final PositionId WIDGET_AT_EAST = position("WIDGET-EA", "DC-EAST");

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
    void isZeroBeforeTheFirstMovement() {
        projections.given(ledger.receive(WIDGET_AT_EAST, "RCV-1", "2024-05-01T08:00:00Z", 10));

        assertThat(onHand("2024-05-01T07:59:59.999Z")).isZero();
        assertThat(balanceAsOf("2024-04-01T00:00:00Z").orElseThrow())
                .extracting(
                        BalanceAsOf::reserved, BalanceAsOf::quarantined, BalanceAsOf::damaged, BalanceAsOf::inTransit)
                .containsExactly(0L, 0L, 0L, 0L);
    }

    /**
     * H2 takes a column the index holds from the index, and looks up the row in the table for any other: the
     * movements of the last, partial day and the latest count are read from their indexes alone.
     */
    @Test
    void readsMovementsAndCountsFromTheirIndexesAlone() {
        assertThat(indexColumns("AUDIT_ENTRY_MOVEMENTS_IN_BUSINESS_TIME"))
                .containsExactly(
                        "SKU",
                        "LOCATION",
                        "IS_MOVEMENT",
                        "OCCURRED_AT",
                        "SEQUENCE_NUMBER",
                        "CHANGE_ON_HAND",
                        "CHANGE_RESERVED",
                        "CHANGE_QUARANTINED",
                        "CHANGE_DAMAGED",
                        "CHANGE_IN_TRANSIT");
        assertThat(indexColumns("AUDIT_ENTRY_COUNTS_LATEST_FIRST"))
                .containsExactly("SKU", "LOCATION", "EVENT_TYPE", "OCCURRED_AT", "SEQUENCE_NUMBER", "QUANTITY");
    }

    private List<String> indexColumns(String index) {
        return jdbc.sql(
                        """
                SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.INDEX_COLUMNS
                 WHERE INDEX_SCHEMA = 'PUBLIC' AND INDEX_NAME = :index
                 ORDER BY ORDINAL_POSITION
                """)
                .param("index", index)
                .query(String.class)
                .list();
    }

    @Test
    void includesEveryMovementAtOrBeforeTheInstant() {
        projections.given(
                ledger.receive(WIDGET_AT_EAST, "RCV-1", "2024-05-01T08:00:00Z", 10),
                ledger.ship(WIDGET_AT_EAST, "SHP-1", "2024-05-01T09:00:00Z", 3),
                ledger.receive(WIDGET_AT_EAST, "RCV-2", "2024-05-03T08:00:00Z", 5));

        assertThat(onHand("2024-05-01T08:00:00Z")).isEqualTo(10);
        assertThat(onHand("2024-05-01T08:59:59.999Z")).isEqualTo(10);
        assertThat(onHand("2024-05-01T09:00:00Z")).isEqualTo(7);
        assertThat(onHand("2024-05-02T23:59:59.999Z")).isEqualTo(7);
        assertThat(onHand("2024-05-03T08:00:00Z")).isEqualTo(12);
    }

    @Test
    void aCountSetsOnHandToTheCountedFigure() {
        projections.given(
                ledger.receive(WIDGET_AT_EAST, "RCV-1", "2024-05-01T08:00:00Z", 10),
                ledger.count(WIDGET_AT_EAST, "CNT-1", "2024-05-02T08:00:00Z", 8),
                ledger.ship(WIDGET_AT_EAST, "SHP-1", "2024-05-03T08:00:00Z", 3));

        assertThat(onHand("2024-05-01T12:00:00Z")).isEqualTo(10);
        assertThat(onHand("2024-05-02T08:00:00Z")).isEqualTo(8);
        assertThat(onHand("2024-05-03T08:00:00Z")).isEqualTo(5);
    }

    @Test
    void aMovementBackdatedBeforeACountChangesBalancesOnlyUpToTheCount() {
        projections.given(
                ledger.receive(WIDGET_AT_EAST, "RCV-1", "2024-05-01T08:00:00Z", 10),
                ledger.count(WIDGET_AT_EAST, "CNT-1", "2024-05-03T08:00:00Z", 10),
                ledger.backdatedBeforeACount().receive(WIDGET_AT_EAST, "RCV-0", "2024-05-02T08:00:00Z", 4),
                ledger.recomputeCount(WIDGET_AT_EAST, "CNT-1", "2024-05-03T08:00:00Z", 0, -4, "RCV-0"));

        assertThat(onHand("2024-05-01T12:00:00Z")).isEqualTo(10);
        assertThat(onHand("2024-05-02T08:00:00Z")).isEqualTo(14);
        assertThat(onHand("2024-05-03T07:59:59Z")).isEqualTo(14);
        assertThat(onHand("2024-05-03T08:00:00Z")).isEqualTo(10);
        assertThat(onHand("2024-06-01T00:00:00Z")).isEqualTo(10);
    }

    @Test
    void aMovementRecordedAfterACountAtTheSameInstantComesAfterIt() {
        projections.given(
                ledger.receive(WIDGET_AT_EAST, "RCV-1", "2024-05-01T08:00:00Z", 10),
                ledger.count(WIDGET_AT_EAST, "CNT-1", "2024-05-02T08:00:00Z", 7),
                ledger.receive(WIDGET_AT_EAST, "RCV-2", "2024-05-02T08:00:00Z", 5));

        assertThat(onHand("2024-05-02T08:00:00Z")).isEqualTo(12);
    }

    @Test
    void aMovementRecordedBeforeACountAtTheSameInstantIsCountedByIt() {
        projections.given(
                ledger.receive(WIDGET_AT_EAST, "RCV-1", "2024-05-01T08:00:00Z", 10),
                ledger.receive(WIDGET_AT_EAST, "RCV-2", "2024-05-02T08:00:00Z", 5),
                ledger.count(WIDGET_AT_EAST, "CNT-1", "2024-05-02T08:00:00Z", 14));

        assertThat(onHand("2024-05-02T07:59:59Z")).isEqualTo(10);
        assertThat(onHand("2024-05-02T08:00:00Z")).isEqualTo(14);
    }

    @Test
    void theLatestOfSeveralCountsWins() {
        projections.given(
                ledger.receive(WIDGET_AT_EAST, "RCV-1", "2024-05-01T08:00:00Z", 10),
                ledger.count(WIDGET_AT_EAST, "CNT-2", "2024-05-05T08:00:00Z", 3),
                ledger.backdatedBeforeACount().count(WIDGET_AT_EAST, "CNT-1", "2024-05-03T08:00:00Z", 20),
                ledger.receive(WIDGET_AT_EAST, "RCV-2", "2024-05-04T08:00:00Z", 1));

        assertThat(onHand("2024-05-03T12:00:00Z")).isEqualTo(20);
        assertThat(onHand("2024-05-04T12:00:00Z")).isEqualTo(21);
        assertThat(onHand("2024-05-05T12:00:00Z")).isEqualTo(3);
    }

    @Test
    void sumsTheOtherBucketsAtOrBeforeTheInstant() {
        projections.given(
                ledger.receive(WIDGET_AT_EAST, "RCV-1", "2024-05-01T08:00:00Z", 20),
                ledger.quarantine(WIDGET_AT_EAST, "QUA-1", "2024-05-02T08:00:00Z", 5),
                ledger.damage(WIDGET_AT_EAST, "DMG-1", "2024-05-03T08:00:00Z", 2, true),
                ledger.count(WIDGET_AT_EAST, "CNT-1", "2024-05-04T08:00:00Z", 18),
                ledger.putInTransit(WIDGET_AT_EAST, "TRF-9", "2024-05-05T08:00:00Z", 6, "DC-NORTH", "TRF-9"));

        BalanceAsOf asOf = balanceAsOf("2024-05-05T08:00:00Z").orElseThrow();
        assertThat(asOf.onHand()).isEqualTo(18);
        assertThat(asOf.quarantined()).isEqualTo(3);
        assertThat(asOf.damaged()).isEqualTo(2);
        assertThat(asOf.inTransit()).isEqualTo(6);
        assertThat(asOf.available()).isEqualTo(13);
        assertThat(balanceAsOf("2024-05-02T12:00:00Z").orElseThrow())
                .extracting(BalanceAsOf::quarantined, BalanceAsOf::damaged, BalanceAsOf::available)
                .containsExactly(5L, 0L, 15L);
    }

    @Test
    void reservedIsWhatReservationsHeldAtOrBeforeTheInstant() {
        projections.given(
                ledger.receive(WIDGET_AT_EAST, "RCV-1", "2024-05-01T08:00:00Z", 10),
                ledger.reserve(WIDGET_AT_EAST, "RES-1", "2024-05-01T09:00:00Z", 6, "WEB"),
                ledger.releaseReserved(WIDGET_AT_EAST, "RES-1-REL", "2024-05-02T09:00:00Z", 2, "RES-1"),
                ledger.shipReserved(WIDGET_AT_EAST, "RES-1-SHP", "2024-05-03T09:00:00Z", 4, "RES-1"),
                ledger.shortfall(WIDGET_AT_EAST, 0, "RES-1", "RES-1-SHP"));

        assertThat(balanceAsOf("2024-05-01T09:00:00Z").orElseThrow())
                .extracting(BalanceAsOf::onHand, BalanceAsOf::reserved, BalanceAsOf::available)
                .containsExactly(10L, 6L, 4L);
        assertThat(balanceAsOf("2024-05-02T09:00:00Z").orElseThrow())
                .extracting(BalanceAsOf::onHand, BalanceAsOf::reserved, BalanceAsOf::available)
                .containsExactly(10L, 4L, 6L);
        assertThat(balanceAsOf("2024-05-03T09:00:00Z").orElseThrow())
                .extracting(BalanceAsOf::onHand, BalanceAsOf::reserved, BalanceAsOf::available)
                .containsExactly(6L, 0L, 6L);
    }

    @Test
    void statesTheGlobalPositionTheAuditTrailReached() {
        projections.given(
                ledger.receive(WIDGET_AT_EAST, "RCV-1", "2024-05-01T08:00:00Z", 10),
                ledger.receive(position("OTHER-EA", "DC-EAST"), "RCV-2", "2024-05-01T08:00:00Z", 1));

        BalanceAsOf asOf = balanceAsOf("2024-05-01T08:00:00Z").orElseThrow();
        assertThat(asOf.eventPosition()).isEqualTo(1);
        assertThat(asOf.asOf()).isEqualTo(Instant.parse("2024-05-01T08:00:00Z"));
        assertThat(asOf.sku()).isEqualTo(WIDGET_AT_EAST.sku());
    }

    @Test
    void anUnknownPositionHasNoBalance() {
        assertThat(balanceAsOf("2024-05-01T08:00:00Z")).isEmpty();
    }

    /** Many random histories (backdated movements, counts, ties, several days) against a replay of the rules. */
    @Test
    void agreesWithReplayingTheLedgerRulesInBusinessTimeOrder() {
        Random random = new Random(20240501);
        Instant start = Instant.parse("2024-05-01T00:00:00Z");
        List<MovementRecorded> movements = new ArrayList<>();
        List<TrackedEventMessage<?>> events = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            // Whole minutes over five days, so that ties are common.
            String at = start.plusSeconds(60L * random.nextInt(5 * 24 * 60)).toString();
            TrackedEventMessage<?> event =
                    switch (random.nextInt(6)) {
                        case 0 -> ledger.count(WIDGET_AT_EAST, "M-" + i, at, random.nextInt(50));
                        case 1 -> ledger.quarantine(WIDGET_AT_EAST, "M-" + i, at, 1 + random.nextInt(3));
                        case 2 -> ledger.adjust(WIDGET_AT_EAST, "M-" + i, at, random.nextInt(11) - 5);
                        case 3 -> ledger.putInTransit(WIDGET_AT_EAST, "M-" + i, at, 2, "DC-NORTH", "T-" + i);
                        default -> ledger.receive(WIDGET_AT_EAST, "M-" + i, at, 1 + random.nextInt(9));
                    };
            events.add(event);
            movements.add((MovementRecorded) event.getPayload());
        }
        projections.deliver(Projections.AUDIT, events.toArray(TrackedEventMessage<?>[]::new));

        for (int i = 0; i < 60; i++) {
            Instant asOf = i < 30
                    ? start.plusMillis(
                            (long) (random.nextDouble() * Duration.ofDays(6).toMillis()))
                    : movements.get(random.nextInt(movements.size())).movement().occurredAt();
            Balance expected = replay(movements, asOf);
            BalanceAsOf actual = balanceAsOf(asOf.toString()).orElseThrow();
            assertThat(new long[] {
                        actual.onHand(), actual.reserved(), actual.quarantined(), actual.damaged(), actual.inTransit()
                    })
                    .as("as of %s", asOf)
                    .containsExactly(
                            expected.onHand().units(),
                            expected.reserved().units(),
                            expected.quarantined().units(),
                            expected.damaged().units(),
                            expected.inTransit().units());
        }
    }

    /** The brief's rules, step by step: sort by business time then recording order, apply each movement. */
    private static Balance replay(List<MovementRecorded> movements, Instant asOf) {
        Balance balance = Balance.ZERO;
        List<MovementRecorded> ordered = new ArrayList<>(movements);
        ordered.sort(Comparator.comparing((MovementRecorded m) -> m.movement().occurredAt()));
        for (MovementRecorded movement : ordered) {
            if (movement.movement().occurredAt().isAfter(asOf)) {
                break;
            }
            balance = movement instanceof StockCounted count
                    ? balance.withOnHand(count.quantity())
                    : balance.plus(movement.change());
        }
        return balance;
    }

    private long onHand(String asOf) {
        return balanceAsOf(asOf).map(BalanceAsOf::onHand).orElse(0L);
    }

    private Optional<BalanceAsOf> balanceAsOf(String asOf) {
        return queries.query(
                        new GetBalanceAsOf(WIDGET_AT_EAST, Instant.parse(asOf)),
                        ResponseTypes.optionalInstanceOf(BalanceAsOf.class))
                .join();
    }
}
