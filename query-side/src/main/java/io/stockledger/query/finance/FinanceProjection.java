package io.stockledger.query.finance;

import io.stockledger.api.finance.PeriodBooking;
import io.stockledger.api.finance.PeriodClosed;
import io.stockledger.api.stock.CountDifferenceRecomputed;
import io.stockledger.api.stock.MovementRecorded;
import io.stockledger.api.stock.PositionEvent;
import io.stockledger.api.stock.ReservedStockShipped;
import io.stockledger.api.stock.StockAdjusted;
import io.stockledger.api.stock.StockCounted;
import io.stockledger.api.stock.StockReceived;
import io.stockledger.api.stock.StockReturned;
import io.stockledger.api.stock.StockShipped;
import io.stockledger.api.stock.StockShortPicked;
import io.stockledger.api.stock.StockTransferredIn;
import io.stockledger.api.stock.StockTransferredOut;
import io.stockledger.api.stock.StockWrittenOff;
import io.stockledger.query.eventlog.EventLog;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Books every on-hand movement into its ledger period, in quantity and in value at moving average cost
 * ({@link CostState}). A movement's period is its business time's calendar month in the ledger zone, or the period
 * it was booked into ({@link PeriodBooking}); one dated inside a period this projection knows to be closed is booked
 * at the first instant of the first open period (a count recomputation caused by a late movement, for one).
 *
 * <p>Backdating is cheap: a movement booked into an earlier period changes that period's row, shifts the opening and
 * closing quantity of the position's later rows with one statement, and revalues only that position's movements
 * booked after it (their periods are all open: periods close in order). Nothing is reposted.
 *
 * <p>A transfer is one movement with two ends: its transfers in bring the value its transfer out took from the source
 * (shared out by units when it arrives in parts). So a revaluation that changes a transfer out's amount carries on at
 * the destination: the transfers in, the destination's average and its later movements, and on through the
 * destination's own later transfers out, all in open periods. A transfer with a transfer in in a closed period keeps
 * its value, and a revaluation of its source stays at the source.
 */
@Component
@ProcessingGroup(FinanceProjection.PROCESSING_GROUP)
class FinanceProjection {

    static final String PROCESSING_GROUP = "finance";

    static final String COUNT_REASON = "COUNT";
    static final String SHORT_PICK_REASON = "SHORT_PICK";
    static final String NO_REASON = "UNSPECIFIED";

    /** How often one event may revalue the same transfer (see {@link #revalueTransfersIn}). */
    static final int MAX_REVALUATIONS = 100;

    private static final Logger log = LoggerFactory.getLogger(FinanceProjection.class);

    private final FinanceRows rows;
    private final LedgerCalendar calendar;
    private final int scale;

    FinanceProjection(FinanceRows rows, LedgerCalendar calendar, FinanceProperties properties) {
        this.rows = rows;
        this.calendar = calendar;
        this.scale = properties.scale();
    }

    @EventHandler
    void on(PeriodClosed event) {
        rows.close(event.period(), event.closedBy().value(), event.closedAt());
    }

    @EventHandler
    void on(
            PositionEvent event,
            @MetaDataValue(EventLog.GLOBAL_INDEX) String globalIndex,
            @MetaDataValue(PeriodBooking.PERIOD) String bookedPeriod,
            @MetaDataValue(PeriodBooking.BOOKED_AT) String bookedAt,
            TrackingToken token) {
        Optional<Entry> entry = entry(event);
        if (entry.isEmpty()) {
            return;
        }
        String sku = event.positionId().sku().value();
        String location = event.positionId().location().value();
        long index = EventLog.globalIndex(globalIndex, token);
        if (rows.contains(sku, location, index)) {
            return;
        }
        Entry e = entry.get();
        PeriodBooking booking = PeriodBooking.fromMetaData(bookedPeriod, bookedAt);
        YearMonth period = booking != null ? booking.period() : calendar.periodOf(e.occurredAt());
        Instant at = booking != null ? booking.bookedAt() : e.occurredAt();
        boolean late = booking != null;
        Optional<YearMonth> closedThrough = rows.closedThrough();
        if (closedThrough.isPresent() && !period.isAfter(closedThrough.get())) {
            period = closedThrough.get().plusMonths(1);
            at = calendar.start(period);
            late = true;
        }
        book(new Booked(sku, location, index, e, period, at, late));
    }

    private void book(Booked b) {
        Entry e = b.entry;
        CostState before = rows.stateAt(b.sku, b.location, b.at);
        BigDecimal unitCost = e.unitCost();
        CostState.Valued valued;
        Optional<FinanceMovement> transferOut =
                e.category() == Category.TRANSFER_IN ? rows.transferOut(e.transferId()) : Optional.empty();
        if (transferOut.isPresent()) {
            long receivedBefore = rows.transfersIn(e.transferId()).stream()
                    .mapToLong(FinanceMovement::quantity)
                    .sum();
            BigDecimal share = share(transferOut.get(), receivedBefore, e.quantity());
            unitCost = unitCostOf(share, e.quantity());
            valued = before.bring(e.quantity(), share);
        } else {
            valued = before.apply(e.quantity(), unitCost, scale);
        }
        rows.insert(new FinanceMovement(
                b.sku,
                b.location,
                b.index,
                e.movementId(),
                e.category(),
                e.reason(),
                e.occurredAt(),
                b.at,
                b.period,
                b.late,
                e.quantity(),
                unitCost,
                valued.amount(),
                valued.after(),
                e.transferId()));

        rows.ensurePeriod(b.sku, b.location, b.period);
        rows.addQuantity(b.sku, b.location, b.period, e.category(), e.quantity());
        rows.shiftLaterQuantity(b.sku, b.location, b.period, e.quantity());
        Map<YearMonth, BigDecimal> valueShifts = new TreeMap<>();
        addValue(b.sku, b.location, b.period, e.category(), e.reason(), e.quantity(), valued.amount(), valueShifts);

        // Revalue the position's later movements: a different state before them may change their amounts.
        Deque<String> transfers = new ArrayDeque<>();
        revalue(
                b.sku,
                b.location,
                valued.after(),
                rows.bookedAfter(b.sku, b.location, b.at),
                Map.of(),
                valueShifts,
                transfers);
        valueShifts.forEach((period, amount) -> rows.shiftValue(b.sku, b.location, period, amount));
        if (e.category() == Category.TRANSFER_OUT) {
            // Its transfers in are normally booked after it; with several segments one may have come first.
            transfers.add(e.transferId());
        }
        revalueTransfersIn(transfers);
    }

    /**
     * Values {@code movements} (a position's, in booking order) again from the state {@code from} before them. A
     * transfer in brings the amount {@code transferAmounts} gives for it, or the one it has; a transfer out whose
     * amount changes is added to {@code transfers}, so that its transfers in follow it, unless one of them lies in a
     * closed period: then the transfer keeps its value and the difference stays at the source.
     */
    private void revalue(
            String sku,
            String location,
            CostState from,
            List<FinanceMovement> movements,
            Map<Long, BigDecimal> transferAmounts,
            Map<YearMonth, BigDecimal> valueShifts,
            Deque<String> transfers) {
        CostState state = from;
        List<FinanceMovement> changed = new ArrayList<>();
        for (FinanceMovement later : movements) {
            BigDecimal unitCost = later.unitCost();
            BigDecimal transferAmount = transferAmounts.get(later.globalIndex());
            CostState.Valued revalued;
            if (transferAmount != null) {
                unitCost = unitCostOf(transferAmount, later.quantity());
                revalued = state.bring(later.quantity(), transferAmount);
            } else if (later.atTransferValue()) {
                revalued = state.bring(later.quantity(), later.amount());
            } else {
                revalued = state.apply(later.quantity(), unitCost, scale);
                if (later.category() == Category.TRANSFER_OUT
                        && later.transferId() != null
                        && revalued.amount().compareTo(later.amount()) != 0) {
                    if (receivedInClosedPeriod(later.transferId())) {
                        revalued = state.bring(later.quantity(), later.amount());
                    } else {
                        transfers.add(later.transferId());
                    }
                }
            }
            BigDecimal difference = revalued.amount().subtract(later.amount());
            if (difference.signum() != 0) {
                addValue(sku, location, later.period(), later.category(), later.reason(), 0, difference, valueShifts);
            }
            if (difference.signum() != 0
                    || !same(revalued.after(), later.after())
                    || !sameCost(unitCost, later.unitCost())) {
                changed.add(later.revalued(unitCost, revalued.amount(), revalued.after()));
            }
            state = revalued.after();
        }
        rows.revalue(changed);
    }

    /**
     * Brings the transfers in of every transfer out whose value changed to their share of its new value, and revalues
     * their destinations from there on: the destination's average cost and its later issues, among them further
     * transfers out (a chain A → B → C), until nothing changes. A transfer in of a closed period never changes; a
     * transfer that reaches back into a position already revalued (only possible with transfers in dated before their
     * transfers out) is followed at most {@link #MAX_REVALUATIONS} times for one event.
     */
    private void revalueTransfersIn(Deque<String> transfers) {
        Map<String, Integer> revaluations = new HashMap<>();
        while (!transfers.isEmpty()) {
            String transferId = transfers.poll();
            if (revaluations.merge(transferId, 1, Integer::sum) > MAX_REVALUATIONS) {
                log.warn("transfer {} revalued {} times for one event, left as it is", transferId, MAX_REVALUATIONS);
                continue;
            }
            Optional<FinanceMovement> out = rows.transferOut(transferId);
            if (out.isEmpty()) {
                continue;
            }
            Optional<YearMonth> closedThrough = rows.closedThrough();
            Map<Long, BigDecimal> amounts = new HashMap<>();
            Map<String, FinanceMovement> firstChanged = new TreeMap<>();
            long received = 0;
            for (FinanceMovement in : rows.transfersIn(transferId)) {
                BigDecimal amount = share(out.get(), received, in.quantity());
                received += in.quantity();
                boolean closed = closedThrough.isPresent() && !in.period().isAfter(closedThrough.get());
                if (!closed && (!in.atTransferValue() || amount.compareTo(in.amount()) != 0)) {
                    amounts.put(in.globalIndex(), amount);
                    firstChanged.merge(in.sku() + "@" + in.location(), in, (a, c) -> earlier(a, c) ? a : c);
                }
            }
            for (FinanceMovement first : firstChanged.values()) {
                Map<YearMonth, BigDecimal> valueShifts = new TreeMap<>();
                revalue(
                        first.sku(),
                        first.location(),
                        rows.stateBefore(first.sku(), first.location(), first.bookedAt(), first.globalIndex()),
                        rows.bookedFrom(first.sku(), first.location(), first.bookedAt(), first.globalIndex()),
                        amounts,
                        valueShifts,
                        transfers);
                valueShifts.forEach((period, amount) -> rows.shiftValue(first.sku(), first.location(), period, amount));
            }
        }
    }

    private boolean receivedInClosedPeriod(String transferId) {
        Optional<YearMonth> closedThrough = rows.closedThrough();
        return closedThrough.isPresent()
                && rows.transfersIn(transferId).stream()
                        .anyMatch(in -> !in.period().isAfter(closedThrough.get()));
    }

    /**
     * What a transfer in of {@code units}, after {@code receivedBefore} units of the same transfer, brings: its share
     * of the value the transfer out took from the source, allocated on the running total, so that the transfers in of
     * a transfer received in full bring exactly what it issued, whatever the rounding.
     */
    private BigDecimal share(FinanceMovement out, long receivedBefore, long units) {
        return allocated(out, receivedBefore + units).subtract(allocated(out, receivedBefore));
    }

    private BigDecimal allocated(FinanceMovement out, long received) {
        long dispatched = -out.quantity();
        BigDecimal issued = out.amount().negate().setScale(scale, RoundingMode.HALF_EVEN);
        if (received >= dispatched) {
            return issued;
        }
        return issued.multiply(BigDecimal.valueOf(received))
                .divide(BigDecimal.valueOf(dispatched), scale, RoundingMode.HALF_EVEN);
    }

    private static BigDecimal unitCostOf(BigDecimal amount, long units) {
        return amount.divide(BigDecimal.valueOf(units), CostState.AVERAGE_SCALE, RoundingMode.HALF_EVEN);
    }

    private static boolean earlier(FinanceMovement a, FinanceMovement b) {
        int byTime = a.bookedAt().compareTo(b.bookedAt());
        return byTime < 0 || (byTime == 0 && a.globalIndex() < b.globalIndex());
    }

    private static boolean same(CostState a, CostState b) {
        return a.quantity() == b.quantity()
                && a.value().compareTo(b.value()) == 0
                && a.averageCost().compareTo(b.averageCost()) == 0;
    }

    private static boolean sameCost(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    private void addValue(
            String sku,
            String location,
            YearMonth period,
            Category category,
            String reason,
            long quantity,
            BigDecimal amount,
            Map<YearMonth, BigDecimal> valueShifts) {
        rows.addValue(sku, location, period, category, amount);
        if (category == Category.ADJUSTMENT) {
            rows.addReason(sku, location, period, reason, quantity, amount);
        }
        valueShifts.merge(period, amount, BigDecimal::add);
    }

    /** What finance books for an event: nothing for events that leave on hand as it is. */
    private static Optional<Entry> entry(PositionEvent event) {
        if (event instanceof CountDifferenceRecomputed recomputed) {
            long change = recomputed.difference().units()
                    - recomputed.previousDifference().units();
            return Optional.of(new Entry(
                    recomputed.countMovementId().value(),
                    Category.ADJUSTMENT,
                    COUNT_REASON,
                    recomputed.countOccurredAt(),
                    change,
                    null,
                    null));
        }
        if (!(event instanceof MovementRecorded recorded)) {
            return Optional.empty();
        }
        String id = recorded.movement().movementId().value();
        Instant at = recorded.movement().occurredAt();
        long units = recorded.quantity().units();
        if (recorded instanceof StockReceived received) {
            return Optional.of(new Entry(id, Category.RECEIPT, null, at, units, received.unitCost(), null));
        }
        if (recorded instanceof StockShipped || recorded instanceof ReservedStockShipped) {
            return Optional.of(new Entry(id, Category.SHIPMENT, null, at, -units, null, null));
        }
        if (recorded instanceof StockAdjusted) {
            String reason = recorded.movement().reason() == null
                    ? NO_REASON
                    : recorded.movement().reason().value();
            return Optional.of(new Entry(id, Category.ADJUSTMENT, reason, at, units, null, null));
        }
        if (recorded instanceof StockCounted counted) {
            return Optional.of(new Entry(
                    id,
                    Category.ADJUSTMENT,
                    COUNT_REASON,
                    at,
                    counted.difference().units(),
                    null,
                    null));
        }
        if (recorded instanceof StockShortPicked) {
            return Optional.of(new Entry(id, Category.ADJUSTMENT, SHORT_PICK_REASON, at, -units, null, null));
        }
        if (recorded instanceof StockWrittenOff) {
            return Optional.of(new Entry(id, Category.WRITE_OFF, null, at, -units, null, null));
        }
        if (recorded instanceof StockTransferredOut) {
            return Optional.of(new Entry(id, Category.TRANSFER_OUT, null, at, -units, null, id));
        }
        if (recorded instanceof StockTransferredIn in) {
            return Optional.of(new Entry(
                    id,
                    Category.TRANSFER_IN,
                    null,
                    at,
                    units,
                    null,
                    in.transferId().value()));
        }
        if (recorded instanceof StockReturned) {
            return Optional.of(new Entry(id, Category.RETURN, null, at, units, null, null));
        }
        return Optional.empty();
    }

    /** An event's on-hand change as finance sees it; a transfer's two ends name it (the transfer out's movement id). */
    private record Entry(
            String movementId,
            Category category,
            String reason,
            Instant occurredAt,
            long quantity,
            BigDecimal unitCost,
            String transferId) {}

    private record Booked(
            String sku, String location, long index, Entry entry, YearMonth period, Instant at, boolean late) {}
}
