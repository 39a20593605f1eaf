package io.stockledger.command.stock;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.stockledger.api.channel.GrantQuota;
import io.stockledger.api.channel.QuotaGranted;
import io.stockledger.api.channel.QuotaReleased;
import io.stockledger.api.channel.ReleaseQuota;
import io.stockledger.api.common.ChannelId;
import io.stockledger.api.common.MovementId;
import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Quantity;
import io.stockledger.api.common.ReservationId;
import io.stockledger.api.stock.AdjustStock;
import io.stockledger.api.stock.BackorderFilled;
import io.stockledger.api.stock.BackorderReleased;
import io.stockledger.api.stock.Balance;
import io.stockledger.api.stock.CountDifferenceRecomputed;
import io.stockledger.api.stock.CountStock;
import io.stockledger.api.stock.DamageStock;
import io.stockledger.api.stock.Movement;
import io.stockledger.api.stock.MovementCommand;
import io.stockledger.api.stock.MovementRecorded;
import io.stockledger.api.stock.MovementType;
import io.stockledger.api.stock.PutStockInTransit;
import io.stockledger.api.stock.QuarantineStock;
import io.stockledger.api.stock.ReceiveStock;
import io.stockledger.api.stock.ReleaseFromQuarantine;
import io.stockledger.api.stock.ReportShortPick;
import io.stockledger.api.stock.ReservationShortfallChanged;
import io.stockledger.api.stock.ReservationShortfallChanged.Shortage;
import io.stockledger.api.stock.ReservedStockReleased;
import io.stockledger.api.stock.ReservedStockShipped;
import io.stockledger.api.stock.ReturnStock;
import io.stockledger.api.stock.ShipStock;
import io.stockledger.api.stock.StockAdjusted;
import io.stockledger.api.stock.StockBackordered;
import io.stockledger.api.stock.StockCounted;
import io.stockledger.api.stock.StockDamaged;
import io.stockledger.api.stock.StockPutInTransit;
import io.stockledger.api.stock.StockQuarantined;
import io.stockledger.api.stock.StockReceived;
import io.stockledger.api.stock.StockReleasedFromQuarantine;
import io.stockledger.api.stock.StockReserved;
import io.stockledger.api.stock.StockReturned;
import io.stockledger.api.stock.StockShipped;
import io.stockledger.api.stock.StockShortPicked;
import io.stockledger.api.stock.StockTransferredIn;
import io.stockledger.api.stock.StockTransferredOut;
import io.stockledger.api.stock.StockWrittenOff;
import io.stockledger.api.stock.TransferStockIn;
import io.stockledger.api.stock.TransferStockOut;
import io.stockledger.api.stock.WriteOffStock;
import io.stockledger.command.stock.StockRefusal.HeldStockExceedsOnHand;
import io.stockledger.command.stock.StockRefusal.InsufficientAvailableStock;
import io.stockledger.command.stock.StockRefusal.InsufficientHeldStock;
import io.stockledger.command.stock.StockRefusal.InsufficientReservedStock;
import io.stockledger.command.stock.StockRefusal.OnHandMismatch;
import io.stockledger.command.stock.StockRefusal.OnHandWouldGoNegative;
import io.stockledger.command.stock.StockRefusal.TransferNotInTransit;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One SKU at one location, and the ledger rules that guard it:
 *
 * <ul>
 *   <li>on hand is never below zero at any business instant, whatever the order movements arrive in;
 *   <li>quarantined + damaged never exceed on hand;
 *   <li>shipments, transfers out, quarantine and damage use only available stock;
 *   <li>counts, adjustments and short picks may take on hand below reserved, never below zero;
 *   <li>a count sets on hand at its business time; a movement backdated before it changes balances only up to
 *       it, and its difference is recomputed;
 *   <li>units of a transfer are received at most once, and never more than were dispatched;
 *   <li>a reservation takes only available stock, and gives back or ships only what it holds here;
 *   <li>a channel never reserves units ring-fenced by another channel's quota ({@link ChannelQuotas});
 *   <li>a reservation beyond available stock is a backorder, only where the channel's policy allows it and up to
 *       its limit per channel on the position; backorders are in no bucket (available never goes below zero by
 *       them), stock that becomes available covers them oldest first, and only covered units ship
 *       ({@link PositionBackorders});
 *   <li>when on hand no longer covers reserved and held units, the most recent reservations are short, and the
 *       ledger says so.
 * </ul>
 *
 * Every check comes before {@code apply}; a refused command emits nothing. Each event carries the buckets after
 * it, so the event-sourcing handlers only assign.
 */
@Aggregate(cache = "aggregateCache")
class StockPosition {

    @AggregateIdentifier
    private PositionId positionId;

    private Balance current = Balance.ZERO;
    private final OnHandTimeline onHand = new OnHandTimeline();
    private final Map<MovementId, Quantity> inTransitByTransfer = new HashMap<>();
    /** What each reservation holds here, oldest first. */
    private final Map<ReservationId, Quantity> reservations = new LinkedHashMap<>();

    private Quantity shortfall = Quantity.ZERO;
    private final ChannelQuotas quotas = new ChannelQuotas();
    private final PositionBackorders backorders = new PositionBackorders();

    StockPosition() {
        // for Axon: created by the first movement of a position
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(ReceiveStock command, Clock clock) {
        Movement movement = movement(command, MovementType.RECEIPT, clock);
        Balance after = afterChange(command.positionId(), movement, Balance.onHand(command.quantity()));
        apply(new StockReceived(command.positionId(), movement, command.quantity(), command.unitCost(), after));
        settle(movement, command.quantity(), after);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(ShipStock command, Clock clock) {
        Movement movement = movement(command, MovementType.SHIPMENT, clock);
        Quantity change = command.quantity().negate();
        requireAvailableUnlessCountedLater(command.positionId(), movement, command.quantity());
        Balance after = afterChange(command.positionId(), movement, Balance.onHand(change));
        apply(new StockShipped(command.positionId(), movement, command.quantity(), after));
        settle(movement, change, after);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(AdjustStock command, Clock clock) {
        requireExpectedOnHand(command.positionId(), command.expectedOnHand());
        Movement movement = movement(command, MovementType.ADJUSTMENT, clock);
        Balance after = afterChange(command.positionId(), movement, Balance.onHand(command.quantity()));
        apply(new StockAdjusted(command.positionId(), movement, command.quantity(), after));
        settle(movement, command.quantity(), after);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(CountStock command, Clock clock) {
        requireExpectedOnHand(command.positionId(), command.expectedOnHand());
        Movement movement = movement(command, MovementType.COUNT, clock);
        Instant at = movement.occurredAt();
        long counted = command.quantity().units();
        long lowest = onHand.lowestAfterCount(at, counted);
        if (lowest < 0) {
            throw new OnHandWouldGoNegative(command.positionId(), at, lowest);
        }
        Quantity difference = Quantity.of(counted - onHand.balanceAt(at));
        Balance after = onHand.nextCountAfter(at).isPresent()
                ? current
                : current.withOnHand(Quantity.of(current.onHand().units() + difference.units()));
        requireHeldWithinOnHand(command.positionId(), after);
        apply(new StockCounted(command.positionId(), movement, command.quantity(), difference, after));
        settle(movement, difference, after);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(QuarantineStock command, Clock clock) {
        requireAvailable(command.positionId(), command.quantity());
        Movement movement = movement(command, MovementType.QUARANTINE, clock);
        Balance after = afterChange(command.positionId(), movement, Balance.quarantined(command.quantity()));
        apply(new StockQuarantined(command.positionId(), movement, command.quantity(), after));
        settle(movement, Quantity.ZERO, after);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(ReleaseFromQuarantine command, Clock clock) {
        requireHeld(command.positionId(), "quarantined", current.quarantined(), command.quantity());
        Movement movement = movement(command, MovementType.QUARANTINE_RELEASE, clock);
        Balance after = afterChange(
                command.positionId(),
                movement,
                Balance.quarantined(command.quantity().negate()));
        apply(new StockReleasedFromQuarantine(command.positionId(), movement, command.quantity(), after));
        settle(movement, Quantity.ZERO, after);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(DamageStock command, Clock clock) {
        if (command.fromQuarantine()) {
            requireHeld(command.positionId(), "quarantined", current.quarantined(), command.quantity());
        } else {
            requireAvailable(command.positionId(), command.quantity());
        }
        Movement movement = movement(command, MovementType.DAMAGE, clock);
        Balance change = command.fromQuarantine()
                ? Balance.damaged(command.quantity())
                        .plus(Balance.quarantined(command.quantity().negate()))
                : Balance.damaged(command.quantity());
        Balance after = afterChange(command.positionId(), movement, change);
        apply(new StockDamaged(command.positionId(), movement, command.quantity(), command.fromQuarantine(), after));
        settle(movement, Quantity.ZERO, after);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(WriteOffStock command, Clock clock) {
        requireHeld(command.positionId(), "damaged", current.damaged(), command.quantity());
        Movement movement = movement(command, MovementType.WRITE_OFF, clock);
        Quantity change = command.quantity().negate();
        Balance after = afterChange(
                command.positionId(), movement, Balance.damaged(change).plus(Balance.onHand(change)));
        apply(new StockWrittenOff(command.positionId(), movement, command.quantity(), after));
        settle(movement, change, after);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(TransferStockOut command, Clock clock) {
        Movement movement = movement(command, MovementType.TRANSFER_OUT, clock);
        Quantity change = command.quantity().negate();
        requireAvailableUnlessCountedLater(command.positionId(), movement, command.quantity());
        Balance after = afterChange(command.positionId(), movement, Balance.onHand(change));
        apply(new StockTransferredOut(
                command.positionId(), movement, command.quantity(), command.destination(), after));
        settle(movement, change, after);
    }

    /** Sent by the ledger for each transfer out; a transfer already known here is not recorded twice. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(PutStockInTransit command, Clock clock) {
        MovementId transferId = command.header().movementId();
        if (inTransitByTransfer.containsKey(transferId)) {
            return;
        }
        Movement movement = movement(command, MovementType.IN_TRANSIT, clock);
        Balance after = afterChange(command.positionId(), movement, Balance.inTransit(command.quantity()));
        apply(new StockPutInTransit(
                command.positionId(), movement, command.quantity(), command.source(), transferId, after));
        settle(movement, Quantity.ZERO, after);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(TransferStockIn command, Clock clock) {
        Quantity inTransit = inTransitByTransfer.getOrDefault(command.transferId(), Quantity.ZERO);
        if (command.quantity().isGreaterThan(inTransit)) {
            throw new TransferNotInTransit(
                    command.positionId(),
                    command.transferId(),
                    command.quantity().units(),
                    inTransit.units());
        }
        Movement movement = movement(command, MovementType.TRANSFER_IN, clock);
        Balance change = Balance.inTransit(command.quantity().negate()).plus(Balance.onHand(command.quantity()));
        Balance after = afterChange(command.positionId(), movement, change);
        apply(new StockTransferredIn(command.positionId(), movement, command.quantity(), command.transferId(), after));
        settle(movement, command.quantity(), after);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(ReturnStock command, Clock clock) {
        Movement movement = movement(command, MovementType.RETURN, clock);
        Balance change = command.toQuarantine()
                ? Balance.onHand(command.quantity()).plus(Balance.quarantined(command.quantity()))
                : Balance.onHand(command.quantity());
        Balance after = afterChange(command.positionId(), movement, change);
        apply(new StockReturned(command.positionId(), movement, command.quantity(), command.toQuarantine(), after));
        settle(movement, command.quantity(), after);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(ReportShortPick command, Clock clock) {
        Movement movement = movement(command, MovementType.SHORT_PICK, clock);
        Quantity change = command.quantity().negate();
        Balance after = afterChange(command.positionId(), movement, Balance.onHand(change));
        apply(new StockShortPicked(command.positionId(), movement, command.quantity(), after));
        settle(movement, change, after);
    }

    // --- channel quotas ----------------------------------------------------------------------------------------

    /** Ring-fences more units for a channel; answers its quota here. A quota may exceed available stock. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    Quantity handle(GrantQuota command, Clock clock) {
        Quantity quota = quotas.quota(command.channel()).plus(command.quantity());
        apply(new QuotaGranted(
                command.positionId(), command.channel(), command.quantity(), quota, command.origin(), clock.instant()));
        return quota;
    }

    /** Gives quota back to every channel; answers what is left. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    Quantity handle(ReleaseQuota command, Clock clock) {
        Quantity quota = quotas.quota(command.channel());
        if (command.quantity().isGreaterThan(quota)) {
            throw new QuotaRefusal.InsufficientQuota(
                    command.positionId(), command.channel(), command.quantity().units(), quota.units());
        }
        Quantity left = quota.minus(command.quantity());
        apply(new QuotaReleased(
                command.positionId(), command.channel(), command.quantity(), left, command.origin(), clock.instant()));
        return left;
    }

    // --- reserved stock: driven by the reservation desk, several positions in one unit of work ----------------

    /** What this position can reserve right now: its available quantity, never negative. */
    Quantity reservable() {
        return current.available().isNegative() ? Quantity.ZERO : current.available();
    }

    /** What {@code channel} can reserve right now: available stock less what other channels' quotas fence off. */
    Quantity reservableFor(ChannelId channel) {
        return quotas.reservableFor(channel, reservable(), reservations);
    }

    /** What {@code reservationId} holds reserved here (covered by stock), and what it waits for (backordered). */
    Quantity reservedFor(ReservationId reservationId) {
        return reservations.getOrDefault(reservationId, Quantity.ZERO);
    }

    Quantity backorderedFor(ReservationId reservationId) {
        return backorders.of(reservationId);
    }

    /** How many more units {@code channel} may backorder here under its policy's {@code limit}. */
    Quantity backorderRoom(ChannelId channel, Quantity limit) {
        return backorders.room(channel, limit);
    }

    /**
     * Reserves what the channel may take of available stock; the rest of the line is a backorder, refused unless
     * the channel's {@code backorderLimit} here leaves room for it (a limit of zero: no backorders at all).
     */
    void reserve(
            ReservationId reservationId,
            ChannelId channel,
            Quantity quantity,
            Quantity backorderLimit,
            Movement movement) {
        Quantity reservable = reservableFor(channel);
        Quantity covered = quantity.isGreaterThan(reservable) ? reservable : quantity;
        Quantity beyond = quantity.minus(covered);
        if (beyond.isPositive()) {
            if (!backorderLimit.isPositive()) {
                requireAvailable(positionId, quantity);
                throw new QuotaRefusal.RingFenced(positionId, channel, quantity.units(), reservable.units());
            }
            Quantity room = backorders.room(channel, backorderLimit);
            if (beyond.isGreaterThan(room)) {
                throw new BackorderRefusal.LimitExceeded(
                        positionId, channel, quantity.units(), reservable.units(), room.units());
            }
        }
        if (covered.isPositive()) {
            Balance after = current.plus(Balance.reserved(covered));
            apply(new StockReserved(positionId, movement, covered, reservationId, channel, after));
        }
        if (beyond.isPositive()) {
            apply(new StockBackordered(
                    positionId,
                    movement,
                    beyond,
                    reservationId,
                    channel,
                    backorders.after(reservationId, channel, beyond),
                    current));
        }
    }

    /** Gives back a reservation's units here: its backordered units first, then reserved ones. */
    void releaseReserved(ReservationId reservationId, Quantity quantity, Movement movement) {
        Quantity backordered = backorders.of(reservationId);
        Quantity fromBackorder = quantity.isGreaterThan(backordered) ? backordered : quantity;
        Quantity fromStock = quantity.minus(fromBackorder);
        requireReserved(reservationId, fromStock);
        if (fromBackorder.isPositive()) {
            ChannelId channel = backorders.channelOf(reservationId);
            apply(new BackorderReleased(
                    positionId,
                    movement,
                    fromBackorder,
                    reservationId,
                    channel,
                    backorders.after(reservationId, channel, fromBackorder.negate()),
                    current));
        }
        if (fromStock.isPositive()) {
            Balance after = current.plus(Balance.reserved(fromStock.negate()));
            apply(new ReservedStockReleased(positionId, movement, fromStock, reservationId, after));
            settle(movement, Quantity.ZERO, after);
        }
    }

    /** Ships reserved units; backordered units cannot ship until stock covers them. */
    void shipReserved(ReservationId reservationId, Quantity quantity, Movement movement) {
        Quantity reserved = reservedFor(reservationId);
        Quantity backordered = backorders.of(reservationId);
        if (quantity.isGreaterThan(reserved) && backordered.isPositive()) {
            throw new BackorderRefusal.NotCovered(
                    positionId, reservationId, quantity.units(), reserved.units(), backordered.units());
        }
        requireReserved(reservationId, quantity);
        Quantity change = quantity.negate();
        Balance after =
                afterChange(positionId, movement, Balance.reserved(change).plus(Balance.onHand(change)));
        apply(new ReservedStockShipped(positionId, movement, quantity, reservationId, after));
        settle(movement, change, after);
    }

    // --- the rules ---------------------------------------------------------------------------------------------

    private static Movement movement(MovementCommand command, MovementType type, Clock clock) {
        return Movement.of(command.header(), type, clock.instant());
    }

    /**
     * The buckets after a movement with this business-time change. On hand never goes below zero at the
     * movement's instant or later; when a later count exists, the count absorbs the on-hand change and current
     * on hand stays as it is. Held units never exceed on hand.
     */
    private Balance afterChange(PositionId position, Movement movement, Balance change) {
        long delta = change.onHand().units();
        Balance after = current.plus(change);
        if (delta != 0) {
            long lowest = onHand.lowestAfterChange(movement.occurredAt(), delta);
            if (lowest < 0) {
                throw new OnHandWouldGoNegative(position, movement.occurredAt(), lowest);
            }
            if (onHand.nextCountAfter(movement.occurredAt()).isPresent()) {
                after = after.withOnHand(current.onHand());
            }
        }
        requireHeldWithinOnHand(position, after);
        return after;
    }

    /**
     * What follows a recorded movement. A movement backdated before a count changes what the count found: record
     * the count's new difference (the timeline already holds the movement; the balance before the count moved by
     * {@code onHandChange}, so the difference was that much larger before). And when on hand stops covering what
     * is reserved and held, or covers it again, say which reservations are short.
     */
    private void settle(Movement movement, Quantity onHandChange, Balance after) {
        if (!onHandChange.isZero()) {
            onHand.nextCountAfter(movement.occurredAt())
                    .ifPresent(count -> apply(new CountDifferenceRecomputed(
                            positionId,
                            count.movementId(),
                            count.at(),
                            Quantity.of(count.difference()).plus(onHandChange),
                            Quantity.of(count.difference()),
                            movement.movementId(),
                            movement.recordedAt(),
                            after)));
        }
        Quantity now = current.available().isNegative() ? current.available().negate() : Quantity.ZERO;
        if (!now.equals(shortfall)) {
            apply(new ReservationShortfallChanged(
                    positionId, now, shortages(now), movement.movementId(), movement.recordedAt(), current));
        }
        coverBackorders(movement);
    }

    /**
     * Stock available again covers the backorders, oldest first, each as far as its channel may reserve: the
     * covered units are reserved for their reservation at the instant {@code cause} was recorded, under its origin.
     */
    private void coverBackorders(Movement cause) {
        for (PositionBackorders.Backorder backorder : backorders.oldestFirst()) {
            Quantity reservable = reservableFor(backorder.channel());
            Quantity covered = backorder.quantity().isGreaterThan(reservable) ? reservable : backorder.quantity();
            if (covered.isPositive()) {
                Movement movement = new Movement(
                        MovementId.of(backorder.reservationId().value()),
                        MovementType.RESERVATION,
                        cause.recordedAt(),
                        cause.recordedAt(),
                        null,
                        cause.origin());
                apply(new BackorderFilled(
                        positionId,
                        movement,
                        covered,
                        backorder.reservationId(),
                        backorder.channel(),
                        cause.movementId(),
                        backorders.after(backorder.reservationId(), backorder.channel(), covered.negate()),
                        current.plus(Balance.reserved(covered))));
            }
        }
    }

    /** The shortfall spread over the reservations held here, the most recent first. */
    private List<Shortage> shortages(Quantity total) {
        List<ReservationId> newestFirst = new ArrayList<>(reservations.keySet());
        Collections.reverse(newestFirst);
        List<Shortage> shortages = new ArrayList<>();
        long left = total.units();
        for (ReservationId id : newestFirst) {
            if (left == 0) {
                break;
            }
            long share = Math.min(left, reservations.get(id).units());
            shortages.add(new Shortage(id, Quantity.of(share)));
            left -= share;
        }
        return shortages;
    }

    private void requireAvailable(PositionId position, Quantity requested) {
        if (requested.isGreaterThan(current.available())) {
            throw new InsufficientAvailableStock(
                    position, requested.units(), current.available().units());
        }
    }

    /**
     * Outbound movements use only available stock. One backdated before a count no longer takes anything from
     * current stock (the count already reflects it), so only the timeline rule applies to it.
     */
    private void requireAvailableUnlessCountedLater(PositionId position, Movement movement, Quantity requested) {
        if (onHand.nextCountAfter(movement.occurredAt()).isEmpty()) {
            requireAvailable(position, requested);
        }
    }

    private void requireReserved(ReservationId reservationId, Quantity requested) {
        Quantity held = reservations.getOrDefault(reservationId, Quantity.ZERO);
        if (requested.isGreaterThan(held)) {
            throw new InsufficientReservedStock(positionId, reservationId, requested.units(), held.units());
        }
    }

    private void requireHeld(PositionId position, String bucket, Quantity held, Quantity requested) {
        if (requested.isGreaterThan(held)) {
            throw new InsufficientHeldStock(position, bucket, requested.units(), held.units());
        }
    }

    private static void requireHeldWithinOnHand(PositionId position, Balance after) {
        if (after.held().isGreaterThan(after.onHand())) {
            throw new HeldStockExceedsOnHand(
                    position, after.onHand().units(), after.held().units());
        }
    }

    private void requireExpectedOnHand(PositionId position, Quantity expected) {
        if (expected != null && !expected.equals(current.onHand())) {
            throw new OnHandMismatch(
                    position, expected.units(), current.onHand().units());
        }
    }

    // --- state -------------------------------------------------------------------------------------------------

    @EventSourcingHandler
    void on(MovementRecorded event) {
        positionId = event.positionId();
        current = event.after();
        Movement movement = event.movement();
        if (event instanceof StockCounted counted) {
            onHand.recordCount(
                    movement.occurredAt(),
                    movement.movementId(),
                    counted.quantity().units());
        } else if (!event.change().onHand().isZero()) {
            onHand.recordChange(
                    movement.occurredAt(),
                    movement.movementId(),
                    event.change().onHand().units());
        }
        if (event instanceof StockPutInTransit put) {
            inTransitByTransfer.put(put.transferId(), put.quantity());
        } else if (event instanceof StockTransferredIn received) {
            inTransitByTransfer.merge(received.transferId(), received.quantity().negate(), Quantity::plus);
        } else if (event instanceof StockReserved reserved) {
            reservations.merge(reserved.reservationId(), reserved.quantity(), Quantity::plus);
            quotas.reserved(reserved.reservationId(), reserved.channel());
        } else if (event instanceof BackorderFilled filled) {
            reservations.merge(filled.reservationId(), filled.quantity(), Quantity::plus);
            quotas.reserved(filled.reservationId(), filled.channel());
            backorders.change(
                    filled.reservationId(), filled.channel(), filled.quantity().negate());
        } else if (event instanceof ReservedStockReleased released) {
            giveBack(released.reservationId(), released.quantity());
        } else if (event instanceof ReservedStockShipped shipped) {
            giveBack(shipped.reservationId(), shipped.quantity());
        }
    }

    private void giveBack(ReservationId reservationId, Quantity quantity) {
        Quantity left = reservations.getOrDefault(reservationId, Quantity.ZERO).minus(quantity);
        if (left.isPositive()) {
            reservations.put(reservationId, left);
        } else {
            reservations.remove(reservationId);
            quotas.settled(reservationId);
        }
    }

    @EventSourcingHandler
    void on(StockBackordered event) {
        positionId = event.positionId();
        backorders.change(event.reservationId(), event.channel(), event.quantity());
    }

    @EventSourcingHandler
    void on(BackorderReleased event) {
        backorders.change(
                event.reservationId(), event.channel(), event.quantity().negate());
    }

    @EventSourcingHandler
    void on(QuotaGranted event) {
        positionId = event.positionId();
        quotas.set(event.channel(), event.quota());
    }

    @EventSourcingHandler
    void on(QuotaReleased event) {
        positionId = event.positionId();
        quotas.set(event.channel(), event.quota());
    }

    @EventSourcingHandler
    void on(ReservationShortfallChanged event) {
        shortfall = event.shortfall();
        current = event.after();
    }

    @EventSourcingHandler
    void on(CountDifferenceRecomputed event) {
        current = event.after();
    }
}
