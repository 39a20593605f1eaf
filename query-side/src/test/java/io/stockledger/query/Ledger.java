package io.stockledger.query;

import io.stockledger.api.common.ChannelId;
import io.stockledger.api.common.CorrelationId;
import io.stockledger.api.common.LocationId;
import io.stockledger.api.common.MovementId;
import io.stockledger.api.common.OrderReference;
import io.stockledger.api.common.Origin;
import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Principal;
import io.stockledger.api.common.Quantity;
import io.stockledger.api.common.ReasonCode;
import io.stockledger.api.common.ReferenceDocument;
import io.stockledger.api.common.ReservationId;
import io.stockledger.api.common.SourceSystem;
import io.stockledger.api.reservation.LineRejection;
import io.stockledger.api.reservation.ReservationConfirmed;
import io.stockledger.api.reservation.ReservationEvent;
import io.stockledger.api.reservation.ReservationExpired;
import io.stockledger.api.reservation.ReservationExtended;
import io.stockledger.api.reservation.ReservationFulfilled;
import io.stockledger.api.reservation.ReservationLine;
import io.stockledger.api.reservation.ReservationRejected;
import io.stockledger.api.reservation.ReservationReleased;
import io.stockledger.api.stock.BackorderFilled;
import io.stockledger.api.stock.BackorderReleased;
import io.stockledger.api.stock.Backordered;
import io.stockledger.api.stock.Balance;
import io.stockledger.api.stock.CountDifferenceRecomputed;
import io.stockledger.api.stock.Movement;
import io.stockledger.api.stock.MovementRecorded;
import io.stockledger.api.stock.MovementType;
import io.stockledger.api.stock.PositionEvent;
import io.stockledger.api.stock.ReservationShortfallChanged;
import io.stockledger.api.stock.ReservedStockReleased;
import io.stockledger.api.stock.ReservedStockShipped;
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
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.MetaData;

/**
 * Records events the way the command side would, for tests: every event gets the next sequence number of its
 * position, the next global position, a fresh event id and a recorded time one second after the previous event's.
 * The buckets after a movement are the buckets before plus its change (a count sets on hand), unless a test passes
 * its own event to {@link #record(PositionEvent)}. A reservation's own events are numbered in its own stream, as
 * the reservation aggregate's are.
 */
public final class Ledger {

    public static final Origin WMS = origin("WMS-EAST", "ASN", "ASN-1001", "wms-connector", "tx-1");

    private final Map<PositionId, Long> sequences = new HashMap<>();
    private final Map<PositionId, Balance> balances = new HashMap<>();
    private final Map<String, Long> reservationSequences = new HashMap<>();
    private long globalPosition = -1;
    private Instant recordedAt = Instant.parse("2024-06-01T08:00:00Z");
    private Origin origin = WMS;
    private ReasonCode reason;
    private boolean absorbedByALaterCount;

    public static PositionId position(String sku, String location) {
        return PositionId.of(sku, location);
    }

    public static Origin origin(
            String sourceSystem, String referenceType, String referenceNumber, String principal, String correlation) {
        return new Origin(
                SourceSystem.of(sourceSystem),
                new ReferenceDocument(referenceType, referenceNumber),
                Principal.of(principal),
                CorrelationId.of(correlation));
    }

    public static Balance balance(long onHand, long reserved, long quarantined, long damaged, long inTransit) {
        return new Balance(
                Quantity.of(onHand),
                Quantity.of(reserved),
                Quantity.of(quarantined),
                Quantity.of(damaged),
                Quantity.of(inTransit));
    }

    /** Movements recorded from now on come from {@code origin}. */
    public Ledger from(Origin origin) {
        this.origin = origin;
        return this;
    }

    /** Movements recorded from now on carry {@code reason} (null for none). */
    public Ledger because(String reason) {
        this.reason = reason == null ? null : ReasonCode.of(reason);
        return this;
    }

    /**
     * The next movement is backdated before a count recorded earlier: as the command side records it, that count
     * absorbs its on-hand change, so on hand after it stays what it was.
     */
    public Ledger backdatedBeforeACount() {
        this.absorbedByALaterCount = true;
        return this;
    }

    /** The position already has a history, up to {@code lastSequence}, that left it with {@code current}. */
    public Ledger continuing(PositionId position, long lastSequence, Balance current) {
        sequences.put(position, lastSequence);
        balances.put(position, current);
        return this;
    }

    /** Events from now on are recorded a second apart after {@code instant}. */
    public Ledger recordedAfter(Instant instant) {
        this.recordedAt = instant;
        return this;
    }

    /** The global position the next event will get. */
    public Ledger startingAt(long nextGlobalPosition) {
        this.globalPosition = nextGlobalPosition - 1;
        return this;
    }

    public Balance current(PositionId position) {
        return balances.getOrDefault(position, Balance.ZERO);
    }

    public long lastSequence(PositionId position) {
        return sequences.getOrDefault(position, -1L);
    }

    public Instant lastRecordedAt() {
        return recordedAt;
    }

    public Movement movement(String movementId, MovementType type, String occurredAt) {
        recordedAt = recordedAt.plusSeconds(1);
        return new Movement(MovementId.of(movementId), type, Instant.parse(occurredAt), recordedAt, reason, origin);
    }

    public TrackedEventMessage<?> receive(PositionId position, String id, String at, long quantity) {
        return receive(position, id, at, quantity, null);
    }

    public TrackedEventMessage<?> receive(PositionId position, String id, String at, long quantity, String unitCost) {
        Movement movement = movement(id, MovementType.RECEIPT, at);
        BigDecimal cost = unitCost == null ? null : new BigDecimal(unitCost);
        return recordMovement(new StockReceived(position, movement, Quantity.of(quantity), cost, Balance.ZERO));
    }

    public TrackedEventMessage<?> ship(PositionId position, String id, String at, long quantity) {
        Movement movement = movement(id, MovementType.SHIPMENT, at);
        return recordMovement(new StockShipped(position, movement, Quantity.of(quantity), Balance.ZERO));
    }

    public TrackedEventMessage<?> adjust(PositionId position, String id, String at, long quantity) {
        Movement movement = movement(id, MovementType.ADJUSTMENT, at);
        return recordMovement(new StockAdjusted(position, movement, Quantity.of(quantity), Balance.ZERO));
    }

    /** A count; its difference is the counted figure minus on hand in recording order. */
    public TrackedEventMessage<?> count(PositionId position, String id, String at, long counted) {
        Movement movement = movement(id, MovementType.COUNT, at);
        Balance before = current(position);
        Quantity difference = Quantity.of(counted).minus(before.onHand());
        Balance after = absorbed(before, before.withOnHand(Quantity.of(counted)));
        return record(new StockCounted(position, movement, Quantity.of(counted), difference, after));
    }

    public TrackedEventMessage<?> quarantine(PositionId position, String id, String at, long quantity) {
        Movement movement = movement(id, MovementType.QUARANTINE, at);
        return recordMovement(new StockQuarantined(position, movement, Quantity.of(quantity), Balance.ZERO));
    }

    public TrackedEventMessage<?> release(PositionId position, String id, String at, long quantity) {
        Movement movement = movement(id, MovementType.QUARANTINE_RELEASE, at);
        return recordMovement(new StockReleasedFromQuarantine(position, movement, Quantity.of(quantity), Balance.ZERO));
    }

    public TrackedEventMessage<?> damage(
            PositionId position, String id, String at, long quantity, boolean fromQuarantine) {
        Movement movement = movement(id, MovementType.DAMAGE, at);
        return recordMovement(
                new StockDamaged(position, movement, Quantity.of(quantity), fromQuarantine, Balance.ZERO));
    }

    public TrackedEventMessage<?> writeOff(PositionId position, String id, String at, long quantity) {
        Movement movement = movement(id, MovementType.WRITE_OFF, at);
        return recordMovement(new StockWrittenOff(position, movement, Quantity.of(quantity), Balance.ZERO));
    }

    public TrackedEventMessage<?> transferOut(
            PositionId position, String id, String at, long quantity, String destination) {
        Movement movement = movement(id, MovementType.TRANSFER_OUT, at);
        return recordMovement(new StockTransferredOut(
                position, movement, Quantity.of(quantity), LocationId.of(destination), Balance.ZERO));
    }

    public TrackedEventMessage<?> putInTransit(
            PositionId position, String id, String at, long quantity, String source, String transferId) {
        Movement movement = movement(id, MovementType.IN_TRANSIT, at);
        return recordMovement(new StockPutInTransit(
                position,
                movement,
                Quantity.of(quantity),
                LocationId.of(source),
                MovementId.of(transferId),
                Balance.ZERO));
    }

    public TrackedEventMessage<?> transferIn(
            PositionId position, String id, String at, long quantity, String transferId) {
        Movement movement = movement(id, MovementType.TRANSFER_IN, at);
        return recordMovement(new StockTransferredIn(
                position, movement, Quantity.of(quantity), MovementId.of(transferId), Balance.ZERO));
    }

    public TrackedEventMessage<?> returned(
            PositionId position, String id, String at, long quantity, boolean toQuarantine) {
        Movement movement = movement(id, MovementType.RETURN, at);
        return recordMovement(new StockReturned(position, movement, Quantity.of(quantity), toQuarantine, Balance.ZERO));
    }

    public TrackedEventMessage<?> shortPick(PositionId position, String id, String at, long quantity) {
        Movement movement = movement(id, MovementType.SHORT_PICK, at);
        return recordMovement(new StockShortPicked(position, movement, Quantity.of(quantity), Balance.ZERO));
    }

    public TrackedEventMessage<?> reserve(
            PositionId position, String reservationId, String at, long quantity, String channel) {
        Movement movement = movement(reservationId, MovementType.RESERVATION, at);
        return recordMovement(new StockReserved(
                position,
                movement,
                Quantity.of(quantity),
                ReservationId.of(reservationId),
                ChannelId.of(channel),
                Balance.ZERO));
    }

    public TrackedEventMessage<?> releaseReserved(
            PositionId position, String id, String at, long quantity, String reservationId) {
        Movement movement = movement(id, MovementType.RESERVATION_RELEASE, at);
        return recordMovement(new ReservedStockReleased(
                position, movement, Quantity.of(quantity), ReservationId.of(reservationId), Balance.ZERO));
    }

    public TrackedEventMessage<?> shipReserved(
            PositionId position, String id, String at, long quantity, String reservationId) {
        Movement movement = movement(id, MovementType.FULFILMENT, at);
        return recordMovement(new ReservedStockShipped(
                position, movement, Quantity.of(quantity), ReservationId.of(reservationId), Balance.ZERO));
    }

    /**
     * {@code quantity} units of reservation {@code reservationId} are backordered on the position, leaving the
     * backorder figures {@code figures}; no bucket changes.
     */
    public TrackedEventMessage<?> backordered(
            PositionId position, String reservationId, String at, long quantity, String channel, Backordered figures) {
        Movement movement = movement(reservationId, MovementType.RESERVATION, at);
        return record(new StockBackordered(
                position,
                movement,
                Quantity.of(quantity),
                ReservationId.of(reservationId),
                ChannelId.of(channel),
                figures,
                current(position)));
    }

    /** Stock that {@code causedBy} made available covers {@code quantity} backordered units: reserved goes up. */
    public TrackedEventMessage<?> backorderFilled(
            PositionId position,
            String reservationId,
            String at,
            long quantity,
            String channel,
            String causedBy,
            Backordered figures) {
        Movement movement = movement(reservationId, MovementType.RESERVATION, at);
        return record(new BackorderFilled(
                position,
                movement,
                Quantity.of(quantity),
                ReservationId.of(reservationId),
                ChannelId.of(channel),
                MovementId.of(causedBy),
                figures,
                current(position).plus(Balance.reserved(Quantity.of(quantity)))));
    }

    /** A release of reservation {@code reservationId} gives up {@code quantity} backordered units. */
    public TrackedEventMessage<?> backorderReleased(
            PositionId position, String reservationId, String at, long quantity, String channel, Backordered figures) {
        Movement movement = movement(reservationId, MovementType.RESERVATION_RELEASE, at);
        return record(new BackorderReleased(
                position,
                movement,
                Quantity.of(quantity),
                ReservationId.of(reservationId),
                ChannelId.of(channel),
                figures,
                current(position)));
    }

    /** Backordered after an event: of the reservation, of its channel, of the position. */
    public static Backordered backorders(long reservation, long channel, long position) {
        return new Backordered(Quantity.of(reservation), Quantity.of(channel), Quantity.of(position));
    }

    /** Reservation {@code reservationId} is short by {@code shortfall} because of {@code causedBy}; buckets stay. */
    public TrackedEventMessage<?> shortfall(
            PositionId position, long shortfall, String reservationId, String causedBy) {
        recordedAt = recordedAt.plusSeconds(1);
        List<ReservationShortfallChanged.Shortage> shortages = shortfall == 0
                ? List.of()
                : List.of(new ReservationShortfallChanged.Shortage(
                        ReservationId.of(reservationId), Quantity.of(shortfall)));
        return record(new ReservationShortfallChanged(
                position, Quantity.of(shortfall), shortages, MovementId.of(causedBy), recordedAt, current(position)));
    }

    /** The position's reservations are short by {@code shortfall} in all, spread as {@code shortages} say. */
    public TrackedEventMessage<?> shortfall(
            PositionId position, long shortfall, String causedBy, ReservationShortfallChanged.Shortage... shortages) {
        recordedAt = recordedAt.plusSeconds(1);
        return record(new ReservationShortfallChanged(
                position,
                Quantity.of(shortfall),
                List.of(shortages),
                MovementId.of(causedBy),
                recordedAt,
                current(position)));
    }

    public static ReservationShortfallChanged.Shortage shortage(String reservationId, long quantity) {
        return new ReservationShortfallChanged.Shortage(ReservationId.of(reservationId), Quantity.of(quantity));
    }

    public static ReservationLine line(PositionId position, long quantity) {
        return new ReservationLine(position, Quantity.of(quantity));
    }

    public static LineRejection rejection(PositionId position, long requested, long available) {
        return new LineRejection(
                position, Quantity.of(requested), Quantity.of(available), "insufficient-available-stock");
    }

    public TrackedEventMessage<?> confirmed(
            String reservationId, String channel, String orderReference, String expiresAt, ReservationLine... lines) {
        recordedAt = recordedAt.plusSeconds(1);
        return record(new ReservationConfirmed(
                ReservationId.of(reservationId),
                ChannelId.of(channel),
                OrderReference.of(orderReference),
                List.of(lines),
                Instant.parse(expiresAt),
                origin,
                recordedAt));
    }

    public TrackedEventMessage<?> rejected(
            String reservationId,
            String channel,
            String orderReference,
            List<ReservationLine> lines,
            LineRejection... rejections) {
        recordedAt = recordedAt.plusSeconds(1);
        return record(new ReservationRejected(
                ReservationId.of(reservationId),
                ChannelId.of(channel),
                OrderReference.of(orderReference),
                lines,
                List.of(rejections),
                origin,
                recordedAt));
    }

    public TrackedEventMessage<?> released(String reservationId, ReservationLine... lines) {
        recordedAt = recordedAt.plusSeconds(1);
        return record(new ReservationReleased(ReservationId.of(reservationId), List.of(lines), origin, recordedAt));
    }

    public TrackedEventMessage<?> fulfilled(
            String reservationId, String shipmentId, String occurredAt, ReservationLine... lines) {
        recordedAt = recordedAt.plusSeconds(1);
        return record(new ReservationFulfilled(
                ReservationId.of(reservationId),
                List.of(lines),
                MovementId.of(shipmentId),
                Instant.parse(occurredAt),
                origin,
                recordedAt));
    }

    public TrackedEventMessage<?> extended(String reservationId, String previousExpiry, String expiresAt) {
        recordedAt = recordedAt.plusSeconds(1);
        return record(new ReservationExtended(
                ReservationId.of(reservationId),
                Instant.parse(previousExpiry),
                Instant.parse(expiresAt),
                origin,
                recordedAt));
    }

    public TrackedEventMessage<?> expired(String reservationId, String expiresAt, ReservationLine... lines) {
        recordedAt = recordedAt.plusSeconds(1);
        return record(new ReservationExpired(
                ReservationId.of(reservationId), List.of(lines), Instant.parse(expiresAt), recordedAt));
    }

    /** Records a reservation's event as given, with the next sequence number of the reservation's own stream. */
    public TrackedEventMessage<?> record(ReservationEvent event) {
        String reservationId = event.reservationId().value();
        long sequence = reservationSequences.merge(reservationId, 0L, (last, ignored) -> last + 1);
        return tracked("Reservation", reservationId, sequence, event, recordedAt);
    }

    /** The count's difference moved because {@code causedBy} was backdated before it; the buckets stay. */
    public TrackedEventMessage<?> recomputeCount(
            PositionId position,
            String countId,
            String countAt,
            long previousDifference,
            long difference,
            String causedBy) {
        recordedAt = recordedAt.plusSeconds(1);
        return record(new CountDifferenceRecomputed(
                position,
                MovementId.of(countId),
                Instant.parse(countAt),
                Quantity.of(previousDifference),
                Quantity.of(difference),
                MovementId.of(causedBy),
                recordedAt,
                current(position)));
    }

    /** Records an event as given, taking its buckets after as the position's current ones. */
    public TrackedEventMessage<?> record(PositionEvent event) {
        PositionId position = event.positionId();
        long sequence = sequences.merge(position, 0L, (last, ignored) -> last + 1);
        balances.put(position, event.after());
        Instant timestamp;
        if (event instanceof MovementRecorded movement) {
            timestamp = movement.movement().recordedAt();
        } else if (event instanceof CountDifferenceRecomputed recomputed) {
            timestamp = recomputed.recordedAt();
        } else if (event instanceof StockBackordered backordered) {
            timestamp = backordered.movement().recordedAt();
        } else if (event instanceof BackorderReleased released) {
            timestamp = released.movement().recordedAt();
        } else {
            timestamp = ((ReservationShortfallChanged) event).recordedAt();
        }
        return tracked("StockPosition", position.toString(), sequence, event, timestamp);
    }

    private TrackedEventMessage<?> tracked(
            String aggregateType, String aggregateId, long sequence, Object event, Instant timestamp) {
        globalPosition++;
        return new GenericTrackedDomainEventMessage<>(
                new GlobalSequenceTrackingToken(globalPosition),
                new GenericDomainEventMessage<>(
                        aggregateType,
                        aggregateId,
                        sequence,
                        event,
                        MetaData.emptyInstance(),
                        UUID.randomUUID().toString(),
                        timestamp));
    }

    /** Re-creates a movement with the buckets after it computed as before + change, then records it. */
    private TrackedEventMessage<?> recordMovement(MovementRecorded template) {
        Balance before = current(template.positionId());
        return record(withAfter(template, absorbed(before, before.plus(template.change()))));
    }

    private Balance absorbed(Balance before, Balance after) {
        if (!absorbedByALaterCount) {
            return after;
        }
        absorbedByALaterCount = false;
        return after.withOnHand(before.onHand());
    }

    private static MovementRecorded withAfter(MovementRecorded e, Balance after) {
        if (e instanceof StockReceived r) {
            return new StockReceived(r.positionId(), r.movement(), r.quantity(), r.unitCost(), after);
        }
        if (e instanceof StockShipped s) {
            return new StockShipped(s.positionId(), s.movement(), s.quantity(), after);
        }
        if (e instanceof StockAdjusted a) {
            return new StockAdjusted(a.positionId(), a.movement(), a.quantity(), after);
        }
        if (e instanceof StockQuarantined q) {
            return new StockQuarantined(q.positionId(), q.movement(), q.quantity(), after);
        }
        if (e instanceof StockReleasedFromQuarantine r) {
            return new StockReleasedFromQuarantine(r.positionId(), r.movement(), r.quantity(), after);
        }
        if (e instanceof StockDamaged d) {
            return new StockDamaged(d.positionId(), d.movement(), d.quantity(), d.fromQuarantine(), after);
        }
        if (e instanceof StockWrittenOff w) {
            return new StockWrittenOff(w.positionId(), w.movement(), w.quantity(), after);
        }
        if (e instanceof StockTransferredOut o) {
            return new StockTransferredOut(o.positionId(), o.movement(), o.quantity(), o.destination(), after);
        }
        if (e instanceof StockPutInTransit p) {
            return new StockPutInTransit(p.positionId(), p.movement(), p.quantity(), p.source(), p.transferId(), after);
        }
        if (e instanceof StockTransferredIn i) {
            return new StockTransferredIn(i.positionId(), i.movement(), i.quantity(), i.transferId(), after);
        }
        if (e instanceof StockReturned r) {
            return new StockReturned(r.positionId(), r.movement(), r.quantity(), r.toQuarantine(), after);
        }
        if (e instanceof StockShortPicked s) {
            return new StockShortPicked(s.positionId(), s.movement(), s.quantity(), after);
        }
        if (e instanceof StockReserved r) {
            return new StockReserved(r.positionId(), r.movement(), r.quantity(), r.reservationId(), r.channel(), after);
        }
        if (e instanceof ReservedStockReleased r) {
            return new ReservedStockReleased(r.positionId(), r.movement(), r.quantity(), r.reservationId(), after);
        }
        if (e instanceof ReservedStockShipped r) {
            return new ReservedStockShipped(r.positionId(), r.movement(), r.quantity(), r.reservationId(), after);
        }
        throw new IllegalArgumentException("not a movement the fixture knows: " + e);
    }
}
