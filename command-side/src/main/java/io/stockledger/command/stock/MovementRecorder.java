package io.stockledger.command.stock;

import io.stockledger.api.common.CorrelationId;
import io.stockledger.api.common.MovementId;
import io.stockledger.api.common.Principal;
import io.stockledger.api.stock.MovementCommand;
import io.stockledger.command.finance.PeriodBookingHeader;
import io.stockledger.command.platform.CommandFailures;
import io.stockledger.command.platform.web.BulkItems;
import io.stockledger.command.platform.web.PrincipalResolver;
import io.stockledger.command.stock.MovementRegistry.Entry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * Records a movement once, whatever number of times it is posted. A movement id already in the registry is
 * answered from the registry: with the first answer when the content is the same, as a conflict when it is not.
 * A new one is sent to its position; the answer is then read back from the registry row that was committed with
 * the event.
 */
@Component
class MovementRecorder {

    private final CommandGateway commands;
    private final MovementRegistry registry;
    private final PrincipalResolver principals;

    MovementRecorder(CommandGateway commands, MovementRegistry registry, PrincipalResolver principals) {
        this.commands = commands;
        this.registry = registry;
        this.principals = principals;
    }

    RecordedMovement record(MovementRequest request, CorrelationId correlationId) {
        MovementCommand command = request.toCommand(principals.current(), correlationId);
        MovementId movementId = command.header().movementId();
        String fingerprint = MovementFingerprint.of(command);
        Optional<Entry> known = registry.find(movementId);
        if (known.isPresent()) {
            return answer(known.get(), movementId, fingerprint);
        }
        try {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                    .andMetaData(PeriodBookingHeader.ofCurrentRequest())
                    .andMetaData(Map.of(MovementFingerprint.METADATA_KEY, fingerprint)));
        } catch (RuntimeException failure) {
            if (CommandFailures.isUnavailable(failure)) {
                // The outcome is unknown (the store could not sync it to disk): a registry row, if any, is not
                // durable yet, so it answers nothing. The client retries with the same movement id.
                throw failure;
            }
            // Another request recorded this id meanwhile: either our event was rolled back because the registry's
            // primary key refused our row, or the position refused a command it had already taken. The registry
            // holds the answer; without a row, the failure is ours.
            return registry.find(movementId)
                    .map(winner -> answer(winner, movementId, fingerprint))
                    .orElseThrow(() -> failure);
        }
        return registry.find(movementId)
                .map(Entry::movement)
                .orElseThrow(
                        () -> new IllegalStateException("movement " + movementId + " recorded but not registered"));
    }

    /** What became of one item of a bulk request: the movement it recorded (now or before), or why not. */
    record Outcome(RecordedMovement movement, Exception refusal) {

        static Outcome recorded(RecordedMovement movement) {
            return new Outcome(movement, null);
        }

        static Outcome refused(Throwable failure) {
            return new Outcome(
                    null, failure instanceof Exception exception ? exception : new IllegalStateException(failure));
        }
    }

    /**
     * Records the movements of a bulk request, each under the rules of {@link #record}, in request order: each
     * fingerprint is computed once, the registry is asked once for every id before and once after, and the new
     * movements are sent one after the other without waiting, then waited for together. An item that is refused
     * (or cannot even be read: its supplier throws) changes nothing and does not affect its neighbours.
     */
    List<Outcome> recordAll(List<Supplier<MovementRequest>> items, CorrelationId correlationId) {
        Principal principal = principals.current();
        Map<String, String> booking = PeriodBookingHeader.ofCurrentRequest();
        int size = items.size();
        Outcome[] outcomes = new Outcome[size];
        MovementCommand[] movements = new MovementCommand[size];
        String[] fingerprints = new String[size];
        for (int i = 0; i < size; i++) {
            try {
                movements[i] = items.get(i).get().toCommand(principal, correlationId);
                fingerprints[i] = MovementFingerprint.of(movements[i]);
            } catch (RuntimeException unreadable) {
                outcomes[i] = Outcome.refused(unreadable);
            }
        }
        Map<MovementId, Entry> known = registry.findAll(idsOf(movements, i -> outcomes[i] == null));
        List<CompletableFuture<Object>> sent = new ArrayList<>(Collections.nCopies(size, null));
        for (int i = 0; i < size; i++) {
            if (outcomes[i] != null) {
                continue;
            }
            Entry recorded = known.get(movements[i].header().movementId());
            if (recorded != null) {
                outcomes[i] = judged(recorded, movements[i].header().movementId(), fingerprints[i]);
            } else {
                sent.set(i, send(movements[i], fingerprints[i], booking));
            }
        }
        Throwable[] failures = new Throwable[size];
        for (int i = 0; i < size; i++) {
            if (sent.get(i) != null) {
                failures[i] = failureOf(sent.get(i));
            }
        }
        Map<MovementId, Entry> registered = registry.findAll(idsOf(movements, i -> sent.get(i) != null));
        for (int i = 0; i < size; i++) {
            if (sent.get(i) == null) {
                continue;
            }
            MovementId movementId = movements[i].header().movementId();
            Entry recorded = registered.get(movementId);
            // As in record: a failed item whose id is registered lost a race for that id (to another request, or
            // to an item before it in this one), and the registry holds its answer.
            if (failures[i] != null && CommandFailures.isUnavailable(failures[i])) {
                // outcome unknown, as in record: a registry row is not durable yet and answers nothing
                outcomes[i] = Outcome.refused(failures[i]);
            } else if (recorded != null) {
                outcomes[i] = judged(recorded, movementId, fingerprints[i]);
            } else if (failures[i] != null) {
                outcomes[i] = Outcome.refused(failures[i]);
            } else {
                outcomes[i] = Outcome.refused(
                        new IllegalStateException("movement " + movementId + " recorded but not registered"));
            }
        }
        return List.of(outcomes);
    }

    private CompletableFuture<Object> send(MovementCommand movement, String fingerprint, Map<String, String> booking) {
        try {
            return commands.send(GenericCommandMessage.asCommandMessage(movement)
                    .andMetaData(booking)
                    .andMetaData(Map.of(MovementFingerprint.METADATA_KEY, fingerprint)));
        } catch (RuntimeException failure) {
            return CompletableFuture.failedFuture(failure);
        }
    }

    /** Waits for a sent command: null when it succeeded, else what it failed with (what sendAndWait throws). */
    private static Throwable failureOf(CompletableFuture<Object> sent) {
        try {
            BulkItems.result(sent);
            return null;
        } catch (RuntimeException failure) {
            return failure;
        }
    }

    private static Set<MovementId> idsOf(MovementCommand[] movements, IntPredicate included) {
        Set<MovementId> ids = new HashSet<>();
        for (int i = 0; i < movements.length; i++) {
            if (included.test(i)) {
                ids.add(movements[i].header().movementId());
            }
        }
        return ids;
    }

    private static Outcome judged(Entry recorded, MovementId movementId, String fingerprint) {
        try {
            return Outcome.recorded(answer(recorded, movementId, fingerprint));
        } catch (MovementIdConflict conflict) {
            return Outcome.refused(conflict);
        }
    }

    RecordedMovement find(MovementId movementId) {
        return registry.find(movementId).map(Entry::movement).orElseThrow(() -> new MovementNotFound(movementId));
    }

    private static RecordedMovement answer(Entry recorded, MovementId movementId, String fingerprint) {
        if (!recorded.fingerprint().equals(fingerprint)) {
            throw new MovementIdConflict(movementId, recorded.movement());
        }
        return recorded.movement();
    }
}
