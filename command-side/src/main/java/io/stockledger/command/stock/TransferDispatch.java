package io.stockledger.command.stock;

import io.stockledger.api.common.PositionId;
import io.stockledger.api.stock.Movement;
import io.stockledger.api.stock.MovementHeader;
import io.stockledger.api.stock.PutStockInTransit;
import io.stockledger.api.stock.StockTransferredOut;
import io.stockledger.command.platform.web.BulkItems;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Puts the units of every transfer out in transit at the destination position. A tracking processor with its
 * token in the event store: a crash between the two never loses the in-transit side, it is recorded on restart;
 * the destination ignores a transfer it already knows.
 *
 * <p>The commands of one batch of events are sent without waiting, so that they are handled together in the next
 * group of commands, and the batch waits for all of them before its token moves on. A command that fails fails the
 * batch, which the processor retries: a transfer's units are never left out of transit because a command could not
 * be handled at the moment (the store unavailable, the side shutting down).
 */
@Component
@ProcessingGroup(TransferDispatch.PROCESSING_GROUP)
class TransferDispatch {

    static final String PROCESSING_GROUP = "transfer-dispatch";

    private static final String SENT = TransferDispatch.class.getName() + ".sent";

    private final CommandGateway commands;

    TransferDispatch(CommandGateway commands) {
        this.commands = commands;
    }

    /** Axon's default for event handlers is to log a failure and carry on with the next event; this must not. */
    @Autowired
    void propagateFailures(EventProcessingConfigurer processing) {
        processing.registerListenerInvocationErrorHandler(
                PROCESSING_GROUP, configuration -> PropagatingErrorHandler.instance());
    }

    @EventHandler
    void on(StockTransferredOut event) {
        Movement movement = event.movement();
        CompletableFuture<Object> sent = commands.send(new PutStockInTransit(
                new PositionId(event.positionId().sku(), event.destination()),
                event.quantity(),
                event.positionId().location(),
                new MovementHeader(
                        movement.movementId(), movement.occurredAt(), movement.reason(), movement.origin())));
        if (CurrentUnitOfWork.isStarted()) {
            sentInThisBatch().add(sent);
        } else {
            BulkItems.result(sent);
        }
    }

    /** The commands the batch has sent, waited for just before the batch (and its token) commits. */
    private static List<CompletableFuture<Object>> sentInThisBatch() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(SENT, key -> {
            List<CompletableFuture<Object>> sent = new ArrayList<>();
            batch.onPrepareCommit(committing -> sent.forEach(BulkItems::result));
            return sent;
        });
    }
}
