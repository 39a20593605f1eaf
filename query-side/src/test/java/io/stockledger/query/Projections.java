package io.stockledger.query;

import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Hands events to the projections the way their processors do: through the processor's own handler invoker, one
 * transaction per event (or one unit of work and transaction per batch), on the projections database.
 */
public class Projections {

    public static final String POSITIONS = "positions";
    public static final String AUDIT = "audit";
    public static final String RESERVATIONS = "reservations";
    public static final String FINANCE = "finance";

    private final EventProcessingConfiguration processing;
    private final JdbcClient jdbc;

    Projections(EventProcessingConfiguration processing, JdbcClient jdbc) {
        this.processing = processing;
        this.jdbc = jdbc;
    }

    /** Every projection handles the events, in order. */
    public void given(EventMessage<?>... events) {
        deliver(POSITIONS, events);
        deliver(AUDIT, events);
        deliver(RESERVATIONS, events);
        deliver(FINANCE, events);
    }

    /** The events handed to one projection one by one, each in a transaction of its own. */
    public void deliver(String processingGroup, EventMessage<?>... events) {
        EventHandlerInvoker invoker = invoker(processingGroup);
        for (EventMessage<?> event : events) {
            processing.transactionManager(processingGroup).executeInTransaction(() -> {
                try {
                    invoker.handle(event, Segment.ROOT_SEGMENT);
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }

    /**
     * The events handed to one projection as its processor hands over a batch: one unit of work, one transaction,
     * so that what a projection does per batch (in the unit of work's prepare-commit phase) runs too.
     */
    public void deliverAsOneBatch(String processingGroup, EventMessage<?>... events) {
        EventHandlerInvoker invoker = invoker(processingGroup);
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(List.of(events));
        batch.attachTransaction(processing.transactionManager(processingGroup));
        ResultMessage<?> result;
        try {
            result = batch.executeWithResult(() -> {
                invoker.handle(batch.getMessage(), Segment.ROOT_SEGMENT);
                return null;
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
        }
    }

    private EventHandlerInvoker invoker(String processingGroup) {
        return processing
                .eventProcessorByProcessingGroup(processingGroup, AbstractEventProcessor.class)
                .orElseThrow(() -> new IllegalArgumentException("no processor for " + processingGroup))
                .eventHandlerInvoker();
    }

    /** Empties every projection table and the dead letters (not the tokens). */
    public void clear() {
        jdbc.sql("TRUNCATE TABLE stock_position").update();
        jdbc.sql("TRUNCATE TABLE audit_entry").update();
        jdbc.sql("TRUNCATE TABLE audit_daily_change").update();
        jdbc.sql("TRUNCATE TABLE reservation").update();
        jdbc.sql("TRUNCATE TABLE reservation_line").update();
        jdbc.sql("TRUNCATE TABLE reservation_rejection").update();
        jdbc.sql("TRUNCATE TABLE reservation_position_shortfall").update();
        jdbc.sql("TRUNCATE TABLE reservation_backorder").update();
        jdbc.sql("TRUNCATE TABLE finance_movement").update();
        jdbc.sql("TRUNCATE TABLE finance_period").update();
        jdbc.sql("TRUNCATE TABLE finance_period_reason").update();
        jdbc.sql("TRUNCATE TABLE finance_period_close").update();
        jdbc.sql("TRUNCATE TABLE DeadLetterEntry").update();
    }
}
