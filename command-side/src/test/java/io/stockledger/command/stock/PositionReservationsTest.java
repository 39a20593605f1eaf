package io.stockledger.command.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Quantity;
import io.stockledger.api.common.ReservationId;
import io.stockledger.api.reservation.ReservationLine;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.junit.jupiter.api.Test;

/**
 * Loading a position locks it until the unit of work ends: every command that touches several positions loads them
 * in id order, or two of them could each hold a position the other waits for.
 */
class PositionReservationsTest {

    @SuppressWarnings("unchecked")
    private final Repository<StockPosition> repository = mock(Repository.class);

    private final List<String> loaded = new ArrayList<>();

    @Test
    void whatAFulfilmentCanShipIsReadFromItsPositionsInIdOrder() {
        when(repository.load(anyString())).thenAnswer(call -> {
            loaded.add(call.getArgument(0));
            throw new AggregateNotFoundException(call.getArgument(0), "never had stock");
        });
        List<ReservationLine> lines = List.of(
                new ReservationLine(PositionId.of("WIDGET-C", "DC-EAST"), Quantity.of(1)),
                new ReservationLine(PositionId.of("WIDGET-A", "DC-EAST"), Quantity.of(1)),
                new ReservationLine(PositionId.of("WIDGET-B", "DC-EAST"), Quantity.of(1)));

        new PositionReservations(repository).covered(ReservationId.of("RSV-1"), lines);

        assertThat(loaded).hasSize(3).isSorted();
    }
}
