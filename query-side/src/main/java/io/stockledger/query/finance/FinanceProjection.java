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
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MetaDataValue;
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
 */
@Component
@ProcessingGroup(FinanceProjection.PROCESSING_GROUP)
class FinanceProjection {

    static final String PROCESSING_GROUP = "finance";

    static final String COUNT_REASON = "COUNT";
    static final String SHORT_PICK_REASON = "SHORT_PICK";
    static final String NO_REASON = "UNSPECIFIED";

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
        BigDecimal unitCost = e.unitCost();
        if (e.transferId() != null) {
            unitCost = rows.transferUnitCost(e.transferId()).orElse(null);
        }
        book(new Booked(sku, location, index, e, period, at, late, unitCost));
    }

    private void book(Booked b) {
        CostState.Valued valued = rows.stateAt(b.sku, b.location, b.at).apply(b.entry.quantity(), b.unitCost, scale);
        rows.insert(new FinanceMovement(
                b.sku,
                b.location,
                b.index,
                b.entry.movementId(),
                b.entry.category(),
                b.entry.reason(),
                b.entry.occurredAt(),
                b.at,
                b.period,
                b.late,
                b.entry.quantity(),
                b.unitCost,
                valued.amount(),
                valued.after()));

        rows.ensurePeriod(b.sku, b.location, b.period);
        rows.addQuantity(b.sku, b.location, b.period, b.entry.category(), b.entry.quantity());
        rows.shiftLaterQuantity(b.sku, b.location, b.period, b.entry.quantity());
        Map<YearMonth, BigDecimal> valueShifts = new TreeMap<>();
        addValue(
                b.sku,
                b.location,
                b.period,
                b.entry.category(),
                b.entry.reason(),
                b.entry.quantity(),
                valued.amount(),
                valueShifts);

        // Revalue the position's later movements: a different state before them may change their amounts.
        CostState state = valued.after();
        List<FinanceMovement> changed = new ArrayList<>();
        for (FinanceMovement later : rows.bookedAfter(b.sku, b.location, b.at)) {
            CostState.Valued revalued = state.apply(later.quantity(), later.unitCost(), scale);
            BigDecimal difference = revalued.amount().subtract(later.amount());
            if (difference.signum() != 0) {
                addValue(
                        b.sku,
                        b.location,
                        later.period(),
                        later.category(),
                        later.reason(),
                        0,
                        difference,
                        valueShifts);
            }
            if (difference.signum() != 0 || !revalued.after().equals(later.after())) {
                changed.add(later.revalued(revalued.amount(), revalued.after()));
            }
            state = revalued.after();
        }
        rows.revalue(changed);
        valueShifts.forEach((period, amount) -> rows.shiftValue(b.sku, b.location, period, amount));
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
            return Optional.of(new Entry(id, Category.TRANSFER_OUT, null, at, -units, null, null));
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

    /** An event's on-hand change as finance sees it; a transfer in takes the unit cost of its transfer out. */
    private record Entry(
            String movementId,
            Category category,
            String reason,
            Instant occurredAt,
            long quantity,
            BigDecimal unitCost,
            String transferId) {}

    private record Booked(
            String sku,
            String location,
            long index,
            Entry entry,
            YearMonth period,
            Instant at,
            boolean late,
            BigDecimal unitCost) {}
}
