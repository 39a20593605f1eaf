package io.stockledger.command.stock;

import static io.stockledger.command.stock.StockPositionTest.DC2;
import static io.stockledger.command.stock.StockPositionTest.TEN;
import static io.stockledger.command.stock.StockPositionTest.WIDGET_AT_DC1;
import static io.stockledger.command.stock.StockPositionTest.movement;
import static io.stockledger.command.stock.StockPositionTest.onHand;
import static io.stockledger.command.stock.StockPositionTest.units;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.stockledger.api.common.MovementId;
import io.stockledger.api.stock.MovementType;
import io.stockledger.api.stock.PutStockInTransit;
import io.stockledger.api.stock.StockTransferredOut;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;

/** The transfers of one batch of events are put in transit together, and the batch commits only once they are. */
class TransferDispatchTest {

    private final CommandGateway commands = mock(CommandGateway.class);
    private final TransferDispatch dispatch = new TransferDispatch(commands);
    private final List<CompletableFuture<Object>> sent = new ArrayList<>();
    private final List<PutStockInTransit> putInTransit = new ArrayList<>();

    TransferDispatchTest() {
        when(commands.send(any())).thenAnswer(call -> {
            putInTransit.add(call.getArgument(0));
            CompletableFuture<Object> answer = new CompletableFuture<>();
            sent.add(answer);
            return answer;
        });
    }

    @Test
    void sendsEveryTransferOfTheBatchBeforeWaitingForAny() {
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);

        dispatch.on(transferOut("T-1"));
        dispatch.on(transferOut("T-2"));

        assertThat(putInTransit)
                .extracting(command -> command.header().movementId())
                .containsExactly(MovementId.of("T-1"), MovementId.of("T-2"));
        assertThat(putInTransit)
                .allSatisfy(
                        command -> assertThat(command.positionId().location()).isEqualTo(DC2));
        sent.forEach(answer -> answer.complete(null));
        batch.commit();
    }

    @Test
    void aTransferThatCouldNotBePutInTransitFailsTheBatch() {
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        dispatch.on(transferOut("T-1"));
        dispatch.on(transferOut("T-2"));

        sent.get(0).complete(null);
        sent.get(1).completeExceptionally(new IllegalStateException("the store is away"));

        assertThatThrownBy(batch::commit).hasMessageContaining("the store is away");
    }

    @Test
    void outsideABatchWaitsForItsOwnCommand() {
        CommandGateway refusing = mock(CommandGateway.class);
        when(refusing.send(any())).thenReturn(CompletableFuture.failedFuture(new IllegalStateException("away")));

        assertThatThrownBy(() -> new TransferDispatch(refusing).on(transferOut("T-1")))
                .hasMessageContaining("away");
    }

    private static StockTransferredOut transferOut(String transferId) {
        return new StockTransferredOut(
                WIDGET_AT_DC1, movement(transferId, MovementType.TRANSFER_OUT, TEN), units(6), DC2, onHand(4));
    }
}
