package io.stockledger.command.stock;

import io.stockledger.api.common.MovementId;
import io.stockledger.api.common.PositionId;
import io.stockledger.api.reservation.ReservationFulfilled;
import io.stockledger.api.reservation.ReservationLine;
import io.stockledger.api.stock.Movement;
import io.stockledger.api.stock.MovementRecorded;
import io.stockledger.api.stock.MovementType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Every movement id of the ledger, with the fingerprint and the answer of its movement: what makes a movement id
 * unique across the whole ledger (Axon's set-based validation).
 *
 * <p>A subscribing event processor ({@code axon.eventhandling.processors.movement-registry.mode: subscribing})
 * writes the row while the command's unit of work prepares its commit, on the connection of the transaction that
 * appends the event. Its failures propagate, so when the primary key refuses a second row for an id, the command
 * fails and its event is rolled back with it.
 */
@Component
@ProcessingGroup(MovementRegistry.PROCESSING_GROUP)
class MovementRegistry {

    static final String PROCESSING_GROUP = "movement-registry";

    private static final Set<MovementType> REGISTERED = EnumSet.complementOf(EnumSet.of(
            MovementType.IN_TRANSIT,
            MovementType.RESERVATION,
            MovementType.RESERVATION_RELEASE,
            MovementType.RESERVATION_EXPIRY,
            MovementType.FULFILMENT));

    /** A registered movement: the answer it was given, and the fingerprint of the command it was recorded for. */
    record Entry(RecordedMovement movement, String fingerprint) {}

    private final JdbcTemplate jdbc;

    MovementRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Axon's default for event handlers is to log failures and carry on; here a failure must fail the command. */
    @Autowired
    void propagateFailures(EventProcessingConfigurer processing) {
        processing.registerListenerInvocationErrorHandler(
                PROCESSING_GROUP, configuration -> PropagatingErrorHandler.instance());
    }

    /**
     * Registers the movements posted to the movement API. The ledger's own movements are not registered: the
     * destination's side of a transfer carries the transfer's id, which the transfer registered; reserved stock
     * moves under its reservation's id, which the reservation keeps unique.
     */
    @EventHandler
    void on(MovementRecorded event, @MetaDataValue(MovementFingerprint.METADATA_KEY) String fingerprint) {
        if (!REGISTERED.contains(event.movement().type())) {
            return;
        }
        if (fingerprint == null) {
            throw new IllegalStateException("movement " + event.movement().movementId() + " has no fingerprint");
        }
        Movement movement = event.movement();
        register(
                movement.movementId(),
                movement.type(),
                event.positionId(),
                fingerprint,
                event.quantity().units(),
                movement.occurredAt(),
                movement.recordedAt());
    }

    /**
     * A fulfilment ships under a client-supplied movement id too, so that id is taken ledger-wide as well; it is
     * registered once for the whole shipment, under its first position. Its content is the reservation's to
     * judge, so its fingerprint is its own.
     */
    @EventHandler
    void on(ReservationFulfilled event) {
        ReservationLine first = event.lines().get(0);
        register(
                event.movementId(),
                MovementType.FULFILMENT,
                first.positionId(),
                "fulfilment:" + event.reservationId().value(),
                event.lines().stream()
                        .mapToLong(line -> line.quantity().units())
                        .sum(),
                event.occurredAt(),
                event.recordedAt());
    }

    private void register(
            MovementId movementId,
            MovementType type,
            PositionId position,
            String fingerprint,
            long quantity,
            Instant occurredAt,
            Instant recordedAt) {
        jdbc.update(
                """
                INSERT INTO movement_registry
                    (movement_id, movement_type, position_id, fingerprint, quantity, occurred_at, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
                movementId.value(),
                type.name(),
                position.toString(),
                fingerprint,
                quantity,
                utc(occurredAt),
                utc(recordedAt));
    }

    Optional<Entry> find(MovementId movementId) {
        return jdbc
                .query(
                        """
                        SELECT movement_id, movement_type, position_id, fingerprint, quantity, occurred_at, recorded_at
                        FROM movement_registry WHERE movement_id = ?
                        """,
                        MovementRegistry::entry,
                        movementId.value())
                .stream()
                .findFirst();
    }

    /** The registered movements among {@code movementIds}, by id, in one query. */
    Map<MovementId, Entry> findAll(Collection<MovementId> movementIds) {
        if (movementIds.isEmpty()) {
            return Map.of();
        }
        Map<MovementId, Entry> found = new HashMap<>();
        jdbc.query(
                        """
                        SELECT movement_id, movement_type, position_id, fingerprint, quantity, occurred_at, recorded_at
                        FROM movement_registry WHERE movement_id IN (%s)
                        """
                                .formatted(String.join(", ", Collections.nCopies(movementIds.size(), "?"))),
                        MovementRegistry::entry,
                        movementIds.stream().map(MovementId::value).toArray())
                .forEach(entry -> found.put(MovementId.of(entry.movement().movementId()), entry));
        return found;
    }

    private static Entry entry(ResultSet row, int rowNumber) throws SQLException {
        PositionId position = PositionId.parse(row.getString("position_id"));
        RecordedMovement movement = new RecordedMovement(
                row.getString("movement_id"),
                MovementType.valueOf(row.getString("movement_type")),
                position.sku().value(),
                position.location().value(),
                row.getLong("quantity"),
                instant(row, "occurred_at"),
                instant(row, "recorded_at"));
        return new Entry(movement, row.getString("fingerprint"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }
}
