package io.stockledger.query.finance;

import static io.stockledger.query.Ledger.position;
import static org.assertj.core.api.Assertions.assertThat;

import io.stockledger.api.common.PositionId;
import io.stockledger.api.finance.CheckRollForward;
import io.stockledger.api.finance.GetPeriodBalances;
import io.stockledger.api.finance.PeriodBalance;
import io.stockledger.api.finance.PeriodBalances;
import io.stockledger.api.finance.RollForwardCheck;
import io.stockledger.query.Ledger;
import io.stockledger.query.Projections;
import io.stockledger.query.QuerySideTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A generated year of 10,000 movements on 1,000 positions, recorded in random business-time order (so most are
 * backdated against what was recorded before them): every row rolls forward, and every position's closing in every
 * period equals a full replay of its movements in business-time order.
 */
@QuerySideTest
class GeneratedHistoryTest {

    private static final int MOVEMENTS = 10_000;
    private static final Instant YEAR_START = Instant.parse("2025-01-01T00:00:00Z");
    private static final long YEAR_MILLIS = 365L * 24 * 3600 * 1000;

    @Autowired
    Projections projections;

    @Autowired
    QueryGateway queries;

    @Test
    void tenThousandMovementsWithBackdatingRollForwardAndEqualAFullReplay() {
        projections.clear();
        Ledger ledger = new Ledger().startingAt(1);
        Random random = new Random(20251123);
        List<PositionId> positions = new ArrayList<>();
        for (int sku = 0; sku < 50; sku++) {
            for (int location = 0; location < 20; location++) {
                positions.add(position("SKU-" + sku, "LOC-" + location));
            }
        }
        Map<PositionId, List<Replayed>> history = new HashMap<>();
        int backdated = 0;
        Map<PositionId, Instant> latest = new HashMap<>();
        for (int i = 0; i < MOVEMENTS; i++) {
            PositionId position = positions.get(random.nextInt(positions.size()));
            Instant at = YEAR_START.plusMillis((long) (random.nextDouble() * YEAR_MILLIS));
            String when = at.toString();
            long units = 1 + random.nextInt(20);
            String id = "M-" + i;
            int kind = random.nextInt(10);
            EventMessage<?> event;
            long change;
            BigDecimal cost = null;
            if (kind < 4) {
                cost = random.nextInt(10) < 7 ? BigDecimal.valueOf(100 + random.nextInt(900), 2) : null;
                event = ledger.receive(position, id, when, units, cost == null ? null : cost.toPlainString());
                change = units;
            } else if (kind < 7) {
                event = ledger.ship(position, id, when, units);
                change = -units;
            } else if (kind < 8) {
                event = ledger.returned(position, id, when, units, false);
                change = units;
            } else if (kind < 9) {
                long signed = random.nextBoolean() ? units : -units;
                event = ledger.because("CYCLE").adjust(position, id, when, signed);
                change = signed;
            } else {
                event = ledger.writeOff(position, id, when, units);
                change = -units;
            }
            if (latest.containsKey(position) && at.isBefore(latest.get(position))) {
                backdated++;
            }
            latest.merge(position, at, (a, b) -> a.isAfter(b) ? a : b);
            history.computeIfAbsent(position, p -> new ArrayList<>()).add(new Replayed(at, i, change, cost));
            projections.deliver(Projections.FINANCE, event);
        }
        assertThat(backdated).isGreaterThan(MOVEMENTS / 3);

        RollForwardCheck check =
                queries.query(new CheckRollForward(), RollForwardCheck.class).join();
        assertThat(check.violations()).isEmpty();
        assertThat(check.rowsChecked()).isGreaterThan(2000);

        Map<String, PeriodBalance> december = byPosition(YearMonth.parse("2025-12"));
        Map<String, PeriodBalance> june = byPosition(YearMonth.parse("2025-06"));
        for (Map.Entry<PositionId, List<Replayed>> entry : history.entrySet()) {
            List<Replayed> movements = new ArrayList<>(entry.getValue());
            movements.sort(Comparator.comparing(Replayed::at).thenComparing(Replayed::order));
            CostState state = CostState.ZERO;
            CostState endOfJune = CostState.ZERO;
            for (Replayed m : movements) {
                state = state.apply(m.change(), m.cost(), 2).after();
                if (YearMonth.from(m.at().atZone(ZoneOffset.UTC)).compareTo(YearMonth.parse("2025-06")) <= 0) {
                    endOfJune = state;
                }
            }
            String key = entry.getKey().toString();
            assertThat(december.get(key).quantity().closing()).as(key).isEqualTo(state.quantity());
            assertThat(december.get(key).value().closing()).as(key).isEqualByComparingTo(state.value());
            if (june.containsKey(key)) {
                assertThat(june.get(key).quantity().closing()).as(key).isEqualTo(endOfJune.quantity());
                assertThat(june.get(key).value().closing()).as(key).isEqualByComparingTo(endOfJune.value());
            } else {
                assertThat(endOfJune).as(key).isEqualTo(CostState.ZERO);
            }
        }
    }

    /**
     * 3,000 movements, a sixth of them transfers between the locations of a SKU (each received in full, an hour to a
     * week after it left), recorded in random business-time order: every transfer brings what it took, the ledger's
     * value is what was received less what was issued, and every position's closing equals a replay of the whole
     * ledger in business-time order, a transfer in at the value its transfer out took.
     */
    @Test
    void transfersInAHistoryWithBackdatingBringWhatTheyTookAndEqualAFullReplay() {
        projections.clear();
        Ledger ledger = new Ledger().startingAt(1);
        Random random = new Random(20260311);
        List<LedgerMovement> history = new ArrayList<>();
        BigDecimal outside = BigDecimal.ZERO;
        for (int i = 0; history.size() < 3_000; i++) {
            PositionId position = position("SKU-" + random.nextInt(20), "LOC-" + random.nextInt(5));
            Instant at = YEAR_START.plusMillis((long) (random.nextDouble() * YEAR_MILLIS));
            long units = 1 + random.nextInt(20);
            String id = "M-" + i;
            int kind = random.nextInt(6);
            if (kind < 2) {
                BigDecimal cost = BigDecimal.valueOf(100 + random.nextInt(900), 2);
                projections.deliver(
                        Projections.FINANCE, ledger.receive(position, id, at.toString(), units, cost.toPlainString()));
                history.add(new LedgerMovement(at, history.size(), position, units, cost, null));
            } else if (kind < 4) {
                projections.deliver(Projections.FINANCE, ledger.ship(position, id, at.toString(), units));
                history.add(new LedgerMovement(at, history.size(), position, -units, null, null));
            } else if (kind < 5) {
                long signed = random.nextBoolean() ? units : -units;
                projections.deliver(
                        Projections.FINANCE, ledger.because("CYCLE").adjust(position, id, at.toString(), signed));
                history.add(new LedgerMovement(at, history.size(), position, signed, null, null));
            } else {
                String destination = "LOC-" + random.nextInt(5);
                if (destination.equals(position.location().value())) {
                    continue;
                }
                PositionId to = position(position.sku().value(), destination);
                Instant arrived = at.plusSeconds(3600 + random.nextInt(7 * 24 * 3600));
                projections.deliver(
                        Projections.FINANCE,
                        ledger.transferOut(position, id, at.toString(), units, destination),
                        ledger.transferIn(to, id + "-IN", arrived.toString(), units, id));
                history.add(new LedgerMovement(at, history.size(), position, -units, null, id));
                history.add(new LedgerMovement(arrived, history.size(), to, units, null, id));
            }
        }

        RollForwardCheck check =
                queries.query(new CheckRollForward(), RollForwardCheck.class).join();
        assertThat(check.violations()).isEmpty();

        List<LedgerMovement> inBusinessTime = new ArrayList<>(history);
        inBusinessTime.sort(Comparator.comparing(LedgerMovement::at).thenComparing(LedgerMovement::order));
        Map<PositionId, CostState> states = new HashMap<>();
        Map<String, BigDecimal> issued = new HashMap<>();
        for (LedgerMovement m : inBusinessTime) {
            CostState state = states.getOrDefault(m.position(), CostState.ZERO);
            CostState.Valued valued;
            if (m.transferId() != null && m.change() > 0) {
                valued = state.bring(m.change(), issued.get(m.transferId()).negate());
            } else {
                valued = state.apply(m.change(), m.cost(), 2);
                if (m.transferId() != null) {
                    issued.put(m.transferId(), valued.amount());
                } else {
                    outside = outside.add(valued.amount());
                }
            }
            states.put(m.position(), valued.after());
        }

        Map<String, PeriodBalance> afterTheLastArrival = byPosition(YearMonth.parse("2026-01"));
        BigDecimal stock = BigDecimal.ZERO;
        for (Map.Entry<PositionId, CostState> entry : states.entrySet()) {
            String key = entry.getKey().toString();
            assertThat(afterTheLastArrival.get(key).quantity().closing())
                    .as(key)
                    .isEqualTo(entry.getValue().quantity());
            assertThat(afterTheLastArrival.get(key).value().closing())
                    .as(key)
                    .isEqualByComparingTo(entry.getValue().value());
            stock = stock.add(afterTheLastArrival.get(key).value().closing());
        }
        assertThat(stock).isEqualByComparingTo(outside);
    }

    private Map<String, PeriodBalance> byPosition(YearMonth period) {
        PeriodBalances balances = queries.query(new GetPeriodBalances(period, null, null), PeriodBalances.class)
                .join();
        Map<String, PeriodBalance> rows = new HashMap<>();
        balances.rows().forEach(row -> rows.put(row.sku() + "@" + row.location(), row));
        return rows;
    }

    private record Replayed(Instant at, int order, long change, BigDecimal cost) {}

    private record LedgerMovement(
            Instant at, int order, PositionId position, long change, BigDecimal cost, String transferId) {}
}
