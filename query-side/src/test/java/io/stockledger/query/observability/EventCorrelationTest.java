package io.stockledger.query.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockledger.query.Ledger;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** While a projection handles an event, the log context holds the correlation id the event was recorded with. */
class EventCorrelationTest {

    private final EventCorrelation interceptor = new EventCorrelation();

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void putsTheEventsCorrelationIdInTheLogContextWhileItIsHandled() throws Exception {
        EventMessage<?> receipt = new Ledger()
                .from(Ledger.origin("WMS-EAST", "ASN", "ASN-7", "wms", "req-4711"))
                .receive(Ledger.position("WIDGET-EA", "DC-EAST"), "RCV-1", "2024-05-01T08:00:00Z", 5);

        Object seen = handle(receipt, () -> MDC.get("correlationId"));

        assertThat(seen).isEqualTo("req-4711");
        assertThat(MDC.get("correlationId")).as("after the event").isNull();
    }

    @Test
    void anEventWithoutOneLeavesNoStaleIdBehindAndRestoresTheCallersId() throws Exception {
        MDC.put("correlationId", "outer");

        Object seen = handle(
                GenericEventMessage.asEventMessage("no origin here"), () -> String.valueOf(MDC.get("correlationId")));

        assertThat(seen).isEqualTo("null");
        assertThat(MDC.get("correlationId")).isEqualTo("outer");
    }

    /**
     * Handles the event in a unit of work of its own, ended before returning: a unit of work left open on the test
     * thread would hand its own connection to later tests' token stores.
     */
    private Object handle(EventMessage<?> event, InterceptorChain chain) throws Exception {
        DefaultUnitOfWork<EventMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(event);
        try {
            return interceptor.handle(unitOfWork, chain);
        } finally {
            unitOfWork.rollback();
        }
    }
}
