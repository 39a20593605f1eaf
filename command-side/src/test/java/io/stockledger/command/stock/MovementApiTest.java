package io.stockledger.command.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stockledger.api.common.CorrelationId;
import io.stockledger.api.common.LocationId;
import io.stockledger.api.common.MovementId;
import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Principal;
import io.stockledger.api.common.Quantity;
import io.stockledger.api.common.ReasonCode;
import io.stockledger.api.common.ReferenceDocument;
import io.stockledger.api.common.SourceSystem;
import io.stockledger.api.stock.MovementRecorded;
import io.stockledger.api.stock.PutStockInTransit;
import io.stockledger.api.stock.StockAdjusted;
import io.stockledger.api.stock.StockCounted;
import io.stockledger.api.stock.StockDamaged;
import io.stockledger.api.stock.StockPutInTransit;
import io.stockledger.api.stock.StockQuarantined;
import io.stockledger.api.stock.StockReceived;
import io.stockledger.api.stock.StockReleasedFromQuarantine;
import io.stockledger.api.stock.StockReturned;
import io.stockledger.api.stock.StockShipped;
import io.stockledger.api.stock.StockShortPicked;
import io.stockledger.api.stock.StockTransferredIn;
import io.stockledger.api.stock.StockTransferredOut;
import io.stockledger.api.stock.StockWrittenOff;
import io.stockledger.security.test.TestCredentials;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every movement of the brief, posted over the API: answered 201 and recorded as its event. */
class MovementApiTest extends MovementApiTestSupport {

    @Autowired
    CommandBus commandBus;

    @Test
    void canRecordAReceiptWithItsUnitCostAndOrigin() {
        PositionId widget = newPosition();
        String movementId = newMovementId();

        Answer answer = post(
                "receipts",
                movement(movementId, widget, 10).put("unitCost", 2.5).put("reasonCode", "PURCHASE"));

        assertCreated(answer, movementId, "RECEIPT", widget, 10);
        assertThat(lastEvent(widget)).isInstanceOfSatisfying(StockReceived.class, received -> {
            assertThat(received.quantity()).isEqualTo(Quantity.of(10));
            assertThat(received.unitCost()).isEqualByComparingTo("2.5");
            assertThat(received.movement().movementId()).isEqualTo(MovementId.of(movementId));
            assertThat(received.movement().occurredAt()).isEqualTo(Instant.parse(OCCURRED_AT));
            assertThat(received.movement().reason()).isEqualTo(ReasonCode.of("PURCHASE"));
            assertThat(received.movement().origin().sourceSystem()).isEqualTo(SourceSystem.of("wms-dc1"));
            assertThat(received.movement().origin().reference()).isEqualTo(new ReferenceDocument("ASN", "4711"));
            assertThat(received.movement().origin().principal()).isEqualTo(Principal.of(TestCredentials.CLIENT));
            assertThat(received.movement().recordedAt())
                    .isEqualTo(Instant.parse(answer.body().path("recordedAt").asText()));
        });
    }

    @Test
    void canRecordAShipment() {
        PositionId widget = newPosition();
        givenReceived(widget, 10);
        String movementId = newMovementId();

        Answer answer = post("shipments", movement(movementId, widget, 4));

        assertCreated(answer, movementId, "SHIPMENT", widget, 4);
        assertThat(lastEvent(widget)).isInstanceOfSatisfying(StockShipped.class, shipped -> assertThat(
                        shipped.after().onHand())
                .isEqualTo(Quantity.of(6)));
    }

    @Test
    void canRecordASignedAdjustmentWithItsReason() {
        PositionId widget = newPosition();
        givenReceived(widget, 10);
        String movementId = newMovementId();

        Answer answer = post(
                "adjustments",
                movement(movementId, widget, -3).put("reasonCode", "BREAKAGE").put("expectedOnHand", 10));

        assertCreated(answer, movementId, "ADJUSTMENT", widget, -3);
        assertThat(lastEvent(widget)).isInstanceOfSatisfying(StockAdjusted.class, adjusted -> {
            assertThat(adjusted.quantity()).isEqualTo(Quantity.of(-3));
            assertThat(adjusted.movement().reason()).isEqualTo(ReasonCode.of("BREAKAGE"));
        });
    }

    @Test
    void canRecordACountAgainstTheOnHandItExpects() {
        PositionId widget = newPosition();
        givenReceived(widget, 10);
        String movementId = newMovementId();

        Answer answer = post(
                "counts",
                movement(movementId, widget, 7)
                        .put("occurredAt", "2026-11-20T10:00:00Z")
                        .put("expectedOnHand", 10));

        assertCreated(answer, movementId, "COUNT", widget, 7);
        assertThat(lastEvent(widget)).isInstanceOfSatisfying(StockCounted.class, counted -> {
            assertThat(counted.quantity()).isEqualTo(Quantity.of(7));
            assertThat(counted.difference()).isEqualTo(Quantity.of(-3));
        });
    }

    @Test
    void canRecordACountOfZero() {
        PositionId widget = newPosition();
        givenReceived(widget, 10);

        Answer answer = post("counts", movement(newMovementId(), widget, 0).put("occurredAt", "2026-11-20T10:00:00Z"));

        assertThat(answer.status()).isEqualTo(201);
        assertThat(lastEvent(widget)).isInstanceOf(StockCounted.class);
    }

    @Test
    void canQuarantineStockAndReleaseIt() {
        PositionId widget = newPosition();
        givenReceived(widget, 10);
        String quarantine = newMovementId();
        String release = newMovementId();

        Answer quarantined = post("quarantines", movement(quarantine, widget, 4));
        assertCreated(quarantined, quarantine, "QUARANTINE", widget, 4);
        assertThat(lastEvent(widget)).isInstanceOf(StockQuarantined.class);

        Answer released = post("quarantine-releases", movement(release, widget, 3));
        assertCreated(released, release, "QUARANTINE_RELEASE", widget, 3);
        assertThat(lastEvent(widget)).isInstanceOfSatisfying(StockReleasedFromQuarantine.class, event -> assertThat(
                        event.after().quarantined())
                .isEqualTo(Quantity.of(1)));
    }

    @Test
    void canRecordDamageFromAvailableStockAndFromQuarantine() {
        PositionId widget = newPosition();
        givenReceived(widget, 10);
        given("quarantines", movement(newMovementId(), widget, 3));
        String fromStock = newMovementId();
        String fromQuarantine = newMovementId();

        assertCreated(post("damages", movement(fromStock, widget, 2)), fromStock, "DAMAGE", widget, 2);
        assertThat(lastEvent(widget))
                .isInstanceOfSatisfying(StockDamaged.class, damaged -> assertThat(damaged.fromQuarantine())
                        .isFalse());

        Answer answer = post("damages", movement(fromQuarantine, widget, 1).put("fromQuarantine", true));
        assertCreated(answer, fromQuarantine, "DAMAGE", widget, 1);
        assertThat(lastEvent(widget)).isInstanceOfSatisfying(StockDamaged.class, damaged -> {
            assertThat(damaged.fromQuarantine()).isTrue();
            assertThat(damaged.after().damaged()).isEqualTo(Quantity.of(3));
            assertThat(damaged.after().quarantined()).isEqualTo(Quantity.of(2));
        });
    }

    @Test
    void canWriteOffDamagedStock() {
        PositionId widget = newPosition();
        givenReceived(widget, 10);
        given("damages", movement(newMovementId(), widget, 2));
        String movementId = newMovementId();

        Answer answer = post("write-offs", movement(movementId, widget, 2).put("reasonCode", "SCRAP"));

        assertCreated(answer, movementId, "WRITE_OFF", widget, 2);
        assertThat(lastEvent(widget)).isInstanceOfSatisfying(StockWrittenOff.class, writtenOff -> assertThat(
                        writtenOff.after().onHand())
                .isEqualTo(Quantity.of(8)));
    }

    @Test
    void canTransferStockOutAndReceiveItAtTheDestination() {
        PositionId atDc1 = newPosition();
        PositionId atDc2 = new PositionId(atDc1.sku(), LocationId.of("DC2"));
        givenReceived(atDc1, 10);
        String transfer = newMovementId();
        String arrival = newMovementId();

        Answer out = post("transfers-out", movement(transfer, atDc1, 4).put("destination", "DC2"));

        assertCreated(out, transfer, "TRANSFER_OUT", atDc1, 4);
        assertThat(lastEvent(atDc1))
                .isInstanceOfSatisfying(StockTransferredOut.class, event -> assertThat(event.destination())
                        .isEqualTo(LocationId.of("DC2")));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(events(atDc2)).hasAtLeastOneElementOfType(StockPutInTransit.class));

        Answer in = post(
                "transfers-in",
                movement(arrival, atDc2, 4)
                        .put("occurredAt", "2026-11-21T09:00:00Z")
                        .put("transferId", transfer));

        assertCreated(in, arrival, "TRANSFER_IN", atDc2, 4);
        assertThat(lastEvent(atDc2)).isInstanceOfSatisfying(StockTransferredIn.class, event -> {
            assertThat(event.transferId()).isEqualTo(MovementId.of(transfer));
            assertThat(event.after().onHand()).isEqualTo(Quantity.of(4));
            assertThat(event.after().inTransit()).isEqualTo(Quantity.ZERO);
        });
    }

    @Test
    void aTransferWhoseDispatchFailsIsPutInTransitWhenTheProcessorRetries() {
        PositionId atDc1 = newPosition();
        PositionId atDc2 = new PositionId(atDc1.sku(), LocationId.of("DC2"));
        givenReceived(atDc1, 10);
        String transfer = newMovementId();
        AtomicInteger attempts = new AtomicInteger();
        MessageHandlerInterceptor<CommandMessage<?>> storeAwayOnce = (unitOfWork, chain) -> {
            if (unitOfWork.getMessage().getPayload() instanceof PutStockInTransit put
                    && put.header().movementId().equals(MovementId.of(transfer))
                    && attempts.getAndIncrement() == 0) {
                throw new IllegalStateException("the store is away for a moment");
            }
            return chain.proceed();
        };
        Registration failing = commandBus.registerHandlerInterceptor(storeAwayOnce);
        try {
            assertCreated(
                    post("transfers-out", movement(transfer, atDc1, 4).put("destination", "DC2")),
                    transfer,
                    "TRANSFER_OUT",
                    atDc1,
                    4);

            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(events(atDc2)).hasAtLeastOneElementOfType(StockPutInTransit.class));
        } finally {
            failing.cancel();
        }
        assertThat(attempts).as("failed once, then put in transit").hasValueGreaterThanOrEqualTo(2);
        assertThat(events(atDc2))
                .filteredOn(StockPutInTransit.class::isInstance)
                .hasSize(1);
    }

    @Test
    void canTakeBackACustomerReturnToQuarantine() {
        PositionId widget = newPosition();
        String movementId = newMovementId();

        Answer answer = post("returns", movement(movementId, widget, 2).put("toQuarantine", true));

        assertCreated(answer, movementId, "RETURN", widget, 2);
        assertThat(lastEvent(widget)).isInstanceOfSatisfying(StockReturned.class, returned -> {
            assertThat(returned.toQuarantine()).isTrue();
            assertThat(returned.after().quarantined()).isEqualTo(Quantity.of(2));
        });
    }

    @Test
    void canReportAShortPick() {
        PositionId widget = newPosition();
        givenReceived(widget, 10);
        String movementId = newMovementId();

        Answer answer = post("short-picks", movement(movementId, widget, 3));

        assertCreated(answer, movementId, "SHORT_PICK", widget, 3);
        assertThat(lastEvent(widget)).isInstanceOfSatisfying(StockShortPicked.class, event -> assertThat(
                        event.after().onHand())
                .isEqualTo(Quantity.of(7)));
    }

    @Test
    void canLookUpARecordedMovementByIdAndGetTheSameAnswer() {
        PositionId widget = newPosition();
        Answer recorded = post("receipts", movement(newMovementId(), widget, 5));

        Answer lookedUp = get(recorded.header("Location"));

        assertThat(lookedUp.status()).isEqualTo(200);
        assertThat(lookedUp.body()).isEqualTo(recorded.body());
    }

    @Test
    void cannotLookUpAMovementThatWasNeverRecorded() {
        Answer answer = get("/api/v1/movements/" + newMovementId());

        assertProblem(answer, 404, "movement-not-found");
        assertThat(answer.body().path("movementId").asText()).startsWith("MOV-");
    }

    @Test
    void theCorrelationIdIsEchoedAndRecordedInTheOrigin() {
        PositionId widget = newPosition();

        Answer answer = post("receipts", movement(newMovementId(), widget, 5), "X-Correlation-Id", "order-42:line-1");

        assertThat(answer.header("X-Correlation-Id")).isEqualTo("order-42:line-1");
        assertThat(((MovementRecorded) lastEvent(widget)).movement().origin().correlationId())
                .isEqualTo(CorrelationId.of("order-42:line-1"));
    }

    @Test
    void aCorrelationIdIsGeneratedWhenTheCallerHasNone() {
        PositionId widget = newPosition();

        Answer answer = post("receipts", movement(newMovementId(), widget, 5));

        String generated = answer.header("X-Correlation-Id");
        assertThat(UUID.fromString(generated)).isNotNull();
        assertThat(((MovementRecorded) lastEvent(widget)).movement().origin().correlationId())
                .isEqualTo(CorrelationId.of(generated));
    }

    static void assertCreated(Answer answer, String movementId, String type, PositionId position, long quantity) {
        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(201);
        assertThat(answer.header("Location")).isEqualTo("/api/v1/movements/" + movementId);
        assertThat(answer.body().path("movementId").asText()).isEqualTo(movementId);
        assertThat(answer.body().path("type").asText()).isEqualTo(type);
        assertThat(answer.body().path("sku").asText()).isEqualTo(position.sku().value());
        assertThat(answer.body().path("location").asText())
                .isEqualTo(position.location().value());
        assertThat(answer.body().path("quantity").asLong()).isEqualTo(quantity);
        assertThat(answer.body().path("occurredAt").asText()).isNotBlank();
        assertThat(answer.body().path("recordedAt").asText()).isNotBlank();
    }
}
