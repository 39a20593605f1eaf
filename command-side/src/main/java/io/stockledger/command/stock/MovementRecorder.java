package io.stockledger.command.stock;

import io.stockledger.api.common.CorrelationId;
import io.stockledger.api.common.MovementId;
import io.stockledger.api.stock.MovementCommand;
import io.stockledger.command.finance.PeriodBookingHeader;
import io.stockledger.command.platform.CommandFailures;
import io.stockledger.command.platform.web.PrincipalResolver;
import io.stockledger.command.stock.MovementRegistry.Entry;
import java.util.Map;
import java.util.Optional;
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
