package io.stockledger.query;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.Segment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Hands events to the projections the way their processors do: through the processor's own handler invoker, one
 * transaction per event, on the projections database.
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
        for (EventMessage<?> event : events) {
            deliverAsOneBatch(processingGroup, event);
        }
    }

    /** The events handed to one projection in a single transaction, as a processor hands over a batch. */
    public void deliverAsOneBatch(String processingGroup, EventMessage<?>... events) {
        EventHandlerInvoker invoker = processing
                .eventProcessorByProcessingGroup(processingGroup, AbstractEventProcessor.class)
                .orElseThrow(() -> new IllegalArgumentException("no processor for " + processingGroup))
                .eventHandlerInvoker();
        processing.transactionManager(processingGroup).executeInTransaction(() -> {
            for (EventMessage<?> event : events) {
                try {
                    invoker.handle(event, Segment.ROOT_SEGMENT);
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
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
