package io.stockledger.command.stock;

import io.stockledger.api.common.PositionId;
import io.stockledger.api.stock.Movement;
import io.stockledger.api.stock.MovementHeader;
import io.stockledger.api.stock.PutStockInTransit;
import io.stockledger.api.stock.StockTransferredOut;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Puts the units of every transfer out in transit at the destination position. A tracking processor with its
 * token in the event store: a crash between the two never loses the in-transit side, it is recorded on restart;
 * the destination ignores a transfer it already knows.
 */
@Component
@ProcessingGroup(TransferDispatch.PROCESSING_GROUP)
class TransferDispatch {

    static final String PROCESSING_GROUP = "transfer-dispatch";

    private final CommandGateway commands;

    TransferDispatch(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(StockTransferredOut event) {
        Movement movement = event.movement();
        commands.sendAndWait(new PutStockInTransit(
                new PositionId(event.positionId().sku(), event.destination()),
                event.quantity(),
                event.positionId().location(),
                new MovementHeader(
                        movement.movementId(), movement.occurredAt(), movement.reason(), movement.origin())));
    }
}
