package io.stockledger.query.audit;

import io.stockledger.api.common.ChannelId;
import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Quantity;
import io.stockledger.api.common.ReservationId;
import io.stockledger.api.finance.PeriodBooking;
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
import io.stockledger.api.stock.StockBackordered;
import io.stockledger.api.stock.StockCounted;
import io.stockledger.api.stock.StockDamaged;
import io.stockledger.api.stock.StockPutInTransit;
import io.stockledger.api.stock.StockReceived;
import io.stockledger.api.stock.StockReserved;
import io.stockledger.api.stock.StockReturned;
import io.stockledger.api.stock.StockTransferredIn;
import io.stockledger.api.stock.StockTransferredOut;
import io.stockledger.query.audit.AuditRow.Provenance;
import io.stockledger.query.audit.AuditRows.Latest;
import io.stockledger.query.audit.AuditRows.RecordedMovement;
import io.stockledger.query.eventlog.EventLog;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Writes one audit entry per event of a position. The buckets before an event are the buckets after the position's
 * previous event, taken from this projection's own rows, so they are right however far the positions projection got.
 *
 * <p>A batch of events is folded in memory ({@link AuditBatch}) and written just before the batch's transaction
 * commits with the processor's token: one JDBC batch of entries and one of business-day totals, instead of four
 * statements per event. Replaying a batch that did not commit writes the same entries; an event recorded already (its
 * position and sequence number are stored) is skipped.
 */
@Component
@ProcessingGroup(AuditProjection.PROCESSING_GROUP)
class AuditProjection {

    static final String PROCESSING_GROUP = "audit";

    private static final String BATCH = AuditProjection.class.getName() + ".batch";

    private final AuditRows rows;

    AuditProjection(AuditRows rows) {
        this.rows = rows;
    }

    @EventHandler
    void on(
            PositionEvent event,
            @MessageIdentifier String eventId,
            @SequenceNumber long sequence,
            @MetaDataValue(EventLog.GLOBAL_INDEX) String globalIndex,
            @MetaDataValue(PeriodBooking.PERIOD) String bookedPeriod,
            @MetaDataValue(PeriodBooking.BOOKED_AT) String bookedAt,
            TrackingToken token) {
        AuditBatch batch = batch();
        Optional<Balance> before = before(batch, event.positionId(), sequence);
        if (before.isEmpty()) {
            return;
        }
        Recorded recorded = new Recorded(EventLog.globalIndex(globalIndex, token), eventId, sequence, before.get());
        AuditRow row;
        if (event instanceof MovementRecorded movement) {
            row = movementRow(movement, recorded);
        } else if (event instanceof CountDifferenceRecomputed recomputed) {
            row = recomputationRow(recomputed, recorded);
        } else if (event instanceof ReservationShortfallChanged shortfall) {
            row = shortfallRow(shortfall, recorded);
        } else if (event instanceof StockBackordered backordered) {
            row = backorderRow(
                    backordered,
                    backordered.movement(),
                    backordered.quantity(),
                    backorderAttributes(backordered.reservationId(), backordered.channel(), backordered.backordered()),
                    recorded);
        } else if (event instanceof BackorderReleased released) {
            row = backorderRow(
                    released,
                    released.movement(),
                    released.quantity(),
                    backorderAttributes(released.reservationId(), released.channel(), released.backordered()),
                    recorded);
        } else {
            // Parks the event and its position's later events as dead letters: never skipped, retried once fixed.
            throw new IllegalStateException(
                    "no audit entry defined for " + event.getClass().getName());
        }
        if (bookedPeriod != null) {
            row = booked(row, bookedPeriod, bookedAt);
        }
        batch.add(row);
        if (!CurrentUnitOfWork.isStarted()) {
            write(batch);
        }
    }

    /**
     * The buckets just before the position's event with this sequence number: after the position's latest event
     * recorded before it, in this batch or stored; empty when the event is recorded already. The position's latest
     * stored entry is read once per batch; only an event that comes after a later one of its position (a gap the log
     * filled late) reads the stored entries again.
     */
    private Optional<Balance> before(AuditBatch batch, PositionId position, long sequence) {
        NavigableMap<Long, Balance> inBatch = batch.afters(position);
        if (inBatch.containsKey(sequence)) {
            return Optional.empty();
        }
        Optional<Latest> stored = batch.stored(position, rows::latest);
        if (stored.isPresent() && stored.get().sequence() >= sequence) {
            stored = stored.get().sequence() == sequence ? stored : rows.latestUpTo(position, sequence);
            if (stored.isPresent() && stored.get().sequence() == sequence) {
                return Optional.empty();
            }
        }
        Map.Entry<Long, Balance> previousInBatch = inBatch.lowerEntry(sequence);
        if (previousInBatch != null && (stored.isEmpty() || stored.get().sequence() < previousInBatch.getKey())) {
            return Optional.of(previousInBatch.getValue());
        }
        return Optional.of(stored.map(Latest::after).orElse(Balance.ZERO));
    }

    /** A movement recorded on the position, earlier in this batch or before it. */
    private Optional<RecordedMovement> movement(PositionId position, String movementId) {
        Optional<RecordedMovement> inBatch = batch().movement(position, movementId);
        return inBatch.isPresent() ? inBatch : rows.movement(position, movementId);
    }

    /**
     * This batch's entries, written just before its transaction (with the processor's token) commits; outside a unit
     * of work (a test handing events over directly) written by the handler at once.
     */
    private AuditBatch batch() {
        if (!CurrentUnitOfWork.isStarted()) {
            return new AuditBatch();
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(BATCH, key -> {
            AuditBatch batch = new AuditBatch();
            unitOfWork.onPrepareCommit(committing -> write(batch));
            return batch;
        });
    }

    private void write(AuditBatch batch) {
        if (batch.isEmpty()) {
            return;
        }
        rows.insert(batch.rows());
        rows.addToDailyChanges(batch.dailyChanges());
        batch.clear();
    }

    private static AuditRow movementRow(MovementRecorded event, Recorded recorded) {
        Movement movement = event.movement();
        return new AuditRow(
                recorded.globalPosition(),
                recorded.eventId(),
                event.getClass().getSimpleName(),
                recorded.sequence(),
                true,
                movement.movementId().value(),
                movement.type().name(),
                event.positionId(),
                event.quantity().units(),
                movement.occurredAt(),
                movement.recordedAt(),
                new Provenance(
                        movement.origin().sourceSystem().value(),
                        movement.origin().reference().type(),
                        movement.origin().reference().number(),
                        movement.origin().principal().value(),
                        movement.origin().correlationId().value()),
                movement.reason() == null ? null : movement.reason().value(),
                recorded.before(),
                event.after(),
                event.change(),
                attributes(event));
    }

    /**
     * A recomputed count difference is filed under the count (its movement id and business time; the quantity is
     * the new difference) but comes from the backdated movement that caused it, recorded in the same transaction:
     * it carries that movement's provenance, so it shows in that transaction's trace. It is not a movement; its
     * change is what it does to the count's on-hand change.
     */
    private AuditRow recomputationRow(CountDifferenceRecomputed event, Recorded recorded) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("countMovementId", event.countMovementId().value());
        attributes.put("previousDifference", event.previousDifference().toString());
        attributes.put("difference", event.difference().toString());
        attributes.put("causedBy", event.causedBy().value());
        return new AuditRow(
                recorded.globalPosition(),
                recorded.eventId(),
                CountDifferenceRecomputed.class.getSimpleName(),
                recorded.sequence(),
                false,
                event.countMovementId().value(),
                MovementType.COUNT.name(),
                event.positionId(),
                event.difference().units(),
                event.countOccurredAt(),
                event.recordedAt(),
                movement(event.positionId(), event.causedBy().value())
                        .map(RecordedMovement::provenance)
                        .orElse(Provenance.UNKNOWN),
                null,
                recorded.before(),
                event.after(),
                Balance.onHand(event.difference().minus(event.previousDifference())),
                attributes);
    }

    /**
     * A change of a position's reservation shortfall is filed under the movement that caused it (its id, type,
     * business time and provenance); the quantity is the new shortfall. It changes no bucket.
     */
    private AuditRow shortfallRow(ReservationShortfallChanged event, Recorded recorded) {
        Optional<RecordedMovement> cause =
                movement(event.positionId(), event.causedBy().value());
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("shortfall", event.shortfall().toString());
        attributes.put(
                "shortages",
                event.shortages().stream()
                        .map(shortage -> shortage.reservationId().value() + ":" + shortage.quantity())
                        .collect(Collectors.joining(",")));
        attributes.put("causedBy", event.causedBy().value());
        return new AuditRow(
                recorded.globalPosition(),
                recorded.eventId(),
                ReservationShortfallChanged.class.getSimpleName(),
                recorded.sequence(),
                false,
                event.causedBy().value(),
                cause.map(RecordedMovement::movementType).orElse(null),
                event.positionId(),
                event.shortfall().units(),
                cause.map(RecordedMovement::occurredAt).orElse(event.recordedAt()),
                event.recordedAt(),
                cause.map(RecordedMovement::provenance).orElse(Provenance.UNKNOWN),
                null,
                recorded.before(),
                event.after(),
                Balance.ZERO,
                attributes);
    }

    /**
     * A backorder taken or given up is filed under its reservation's movement (its id, type, business time and
     * provenance); the quantity is the units backordered or given up. It is in no bucket, so it changes none: the
     * backordered figures after it are in its attributes.
     */
    private static AuditRow backorderRow(
            PositionEvent event,
            Movement movement,
            Quantity quantity,
            Map<String, String> attributes,
            Recorded recorded) {
        return new AuditRow(
                recorded.globalPosition(),
                recorded.eventId(),
                event.getClass().getSimpleName(),
                recorded.sequence(),
                false,
                movement.movementId().value(),
                movement.type().name(),
                event.positionId(),
                quantity.units(),
                movement.occurredAt(),
                movement.recordedAt(),
                new Provenance(
                        movement.origin().sourceSystem().value(),
                        movement.origin().reference().type(),
                        movement.origin().reference().number(),
                        movement.origin().principal().value(),
                        movement.origin().correlationId().value()),
                null,
                recorded.before(),
                event.after(),
                Balance.ZERO,
                attributes);
    }

    /** A backorder event's reservation and channel, and the backordered units after it. */
    private static Map<String, String> backorderAttributes(
            ReservationId reservationId, ChannelId channel, Backordered backordered) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("reservationId", reservationId.value());
        attributes.put("channel", channel.value());
        attributes.put("backorderedForReservation", backordered.reservation().toString());
        attributes.put("backorderedForChannel", backordered.channel().toString());
        attributes.put("backordered", backordered.position().toString());
        return attributes;
    }

    /**
     * A movement dated inside a closed period and booked into the first open one keeps its business time; the
     * period and instant it was booked at are shown beside it.
     */
    private static AuditRow booked(AuditRow row, String bookedPeriod, String bookedAt) {
        Map<String, String> attributes = new LinkedHashMap<>(row.attributes());
        attributes.put(PeriodBooking.PERIOD, bookedPeriod);
        attributes.put(PeriodBooking.BOOKED_AT, bookedAt);
        return new AuditRow(
                row.globalPosition(),
                row.eventId(),
                row.eventType(),
                row.sequence(),
                row.movement(),
                row.movementId(),
                row.movementType(),
                row.position(),
                row.quantity(),
                row.occurredAt(),
                row.recordedAt(),
                row.provenance(),
                row.reasonCode(),
                row.before(),
                row.after(),
                row.change(),
                attributes);
    }

    /** What only some movements have. */
    private static Map<String, String> attributes(MovementRecorded event) {
        Map<String, String> attributes = new LinkedHashMap<>();
        if (event instanceof StockReceived received) {
            if (received.unitCost() != null) {
                attributes.put("unitCost", received.unitCost().toPlainString());
            }
        } else if (event instanceof StockCounted counted) {
            attributes.put("counted", counted.quantity().toString());
            attributes.put("difference", counted.difference().toString());
        } else if (event instanceof StockDamaged damaged) {
            attributes.put("fromQuarantine", Boolean.toString(damaged.fromQuarantine()));
        } else if (event instanceof StockReturned returned) {
            attributes.put("toQuarantine", Boolean.toString(returned.toQuarantine()));
        } else if (event instanceof StockTransferredOut out) {
            attributes.put("destination", out.destination().value());
            attributes.put("transferId", out.movement().movementId().value());
        } else if (event instanceof StockPutInTransit inTransit) {
            attributes.put("source", inTransit.source().value());
            attributes.put("transferId", inTransit.transferId().value());
        } else if (event instanceof StockTransferredIn in) {
            attributes.put("transferId", in.transferId().value());
        } else if (event instanceof StockReserved reserved) {
            attributes.put("reservationId", reserved.reservationId().value());
            attributes.put("channel", reserved.channel().value());
        } else if (event instanceof BackorderFilled filled) {
            attributes.putAll(backorderAttributes(filled.reservationId(), filled.channel(), filled.backordered()));
            attributes.put("causedBy", filled.causedBy().value());
        } else if (event instanceof ReservedStockReleased released) {
            attributes.put("reservationId", released.reservationId().value());
        } else if (event instanceof ReservedStockShipped shipped) {
            attributes.put("reservationId", shipped.reservationId().value());
        }
        return attributes;
    }

    /** Where an event sits: in the global log, in its position's history, and the buckets just before it. */
    private record Recorded(long globalPosition, String eventId, long sequence, Balance before) {}
}
