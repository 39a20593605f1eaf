package io.stockledger.command.platform;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Set;
import org.axonframework.axonserver.connector.ErrorCode;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.common.lock.DeadlockException;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * Failures of a command that are not a refusal by a ledger rule but a passing condition of the infrastructure, told
 * apart by their cause chain. A failure that reached the sender from another instance through Axon Server carries
 * only the remote exception's message, so Axon Server's error codes and gRPC status names are matched in messages
 * too.
 */
public final class CommandFailures {

    /** Axon Server's error code for an event whose aggregate sequence number is already taken. */
    static final String INVALID_SEQUENCE = ErrorCode.INVALID_EVENT_SEQUENCE.errorCode();

    /** Axon Server cannot be reached, has no instance for the command, or did not answer in time. */
    private static final Set<String> UNAVAILABLE_CODES = Set.of(
            ErrorCode.CONNECTION_FAILED.errorCode(),
            ErrorCode.NO_HANDLER_FOR_COMMAND.errorCode(),
            ErrorCode.COMMAND_DISPATCH_ERROR.errorCode(),
            ErrorCode.NO_EVENT_STORE_MASTER_AVAILABLE.errorCode());

    private static final Set<Status.Code> UNAVAILABLE_STATUSES =
            Set.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED, Status.Code.RESOURCE_EXHAUSTED);

    private CommandFailures() {}

    /**
     * A lost race for an aggregate's stream: a {@link ConcurrencyException} from the embedded store, or Axon Server's
     * refusal of an append with a sequence number already taken ({@code AXONIQ-2000}), which reaches the sender as the
     * message of a {@code CommandExecutionException} when another instance handled the command; or Axon's
     * {@link DeadlockException}, when two commands each held an aggregate's lock the other waited for and this one
     * gave way. Nothing was stored; the command can be sent again.
     */
    public static boolean isConcurrencyConflict(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyException
                    || cause instanceof DeadlockException
                    || String.valueOf(cause.getMessage()).contains(INVALID_SEQUENCE)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The event store or the command routing is unavailable for the moment: Axon Server cannot be reached or did not
     * answer in time (gRPC {@code UNAVAILABLE}, {@code DEADLINE_EXCEEDED}, {@code RESOURCE_EXHAUSTED}), or no
     * command-side instance is connected to handle the command, or the embedded store could not sync a group of
     * commands to disk.
     */
    public static boolean isUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof NoHandlerForCommandException
                    || cause instanceof GroupCommitCommandBus.StoreUnavailable
                    || cause instanceof StatusRuntimeException grpc
                            && UNAVAILABLE_STATUSES.contains(grpc.getStatus().getCode())) {
                return true;
            }
            String message = String.valueOf(cause.getMessage());
            if (UNAVAILABLE_CODES.stream().anyMatch(message::contains)
                    || UNAVAILABLE_STATUSES.stream().anyMatch(code -> message.startsWith(code.name() + ":"))) {
                return true;
            }
        }
        return false;
    }
}
