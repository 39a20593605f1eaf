package io.stockledger.command.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.stockledger.api.common.Principal;
import io.stockledger.api.stock.StockReceived;
import io.stockledger.security.test.RoleMatrixContract;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;

/**
 * The role matrix of the command side (the contract's tests over every mapped endpoint), and the principal of every
 * event being the authenticated client, never a field of the request body.
 */
@SpringBootTest(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:access-${random.uuid};DB_CLOSE_DELAY=-1",
            "stockledger.test.default-credentials=false"
        })
@AutoConfigureMockMvc
class ApiAccessTest extends RoleMatrixContract {

    @Autowired
    EventStore eventStore;

    @Override
    protected String aProtectedPath() {
        return "/api/v1/movements/x1";
    }

    @Test
    void theAuthenticatedClientIsThePrincipalOfTheMovement() throws Exception {
        String sku = "SKU-" + UUID.randomUUID().toString().substring(0, 8);
        String body =
                """
                {"movementId":"rcpt-%s","sku":"%s","location":"WH-1","quantity":5,
                 "occurredAt":"2026-11-20T09:00:00Z","sourceSystem":"wms","reference":{"type":"ASN","number":"1"}}"""
                        .formatted(sku, sku);
        assertThat(status(
                        post("/api/v1/movements/receipts")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(body),
                        "test-writer"))
                .isEqualTo(201);

        List<Object> events = eventStore
                .readEvents(sku + "@WH-1")
                .asStream()
                .map(DomainEventMessage::getPayload)
                .map(Object.class::cast)
                .toList();
        assertThat(events).singleElement().isInstanceOfSatisfying(StockReceived.class, received -> assertThat(
                        received.movement().origin().principal())
                .isEqualTo(Principal.of("test-writer")));
    }

    @Test
    void aPrincipalInTheBodyIsRefusedNotBelieved() throws Exception {
        String body =
                """
                {"movementId":"rcpt-p","sku":"SKU-P","location":"WH-1","quantity":5,"principal":"mallory",
                 "occurredAt":"2026-11-20T09:00:00Z","sourceSystem":"wms","reference":{"type":"ASN","number":"1"}}""";
        assertThat(status(
                        post("/api/v1/movements/receipts")
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(body),
                        "test-writer"))
                .isEqualTo(400);
        assertThat(eventStore.readEvents("SKU-P@WH-1").asStream()).isEmpty();
    }
}
