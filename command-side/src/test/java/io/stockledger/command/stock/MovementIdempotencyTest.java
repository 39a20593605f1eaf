package io.stockledger.command.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stockledger.api.common.CorrelationId;
import io.stockledger.api.common.MovementId;
import io.stockledger.api.common.Origin;
import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Principal;
import io.stockledger.api.common.Quantity;
import io.stockledger.api.common.ReferenceDocument;
import io.stockledger.api.common.SourceSystem;
import io.stockledger.api.stock.MovementHeader;
import io.stockledger.api.stock.ReceiveStock;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;

/**
 * A movement id is unique across the whole ledger: the same id with the same content is a no-op that answers like
 * the first time; with any other content it is refused.
 */
class MovementIdempotencyTest extends MovementApiTestSupport {

    @Autowired
    CommandGateway commands;

    @Test
    void aRetriedMovementIsAnsweredLikeTheFirstTimeAndRecordedOnce() {
        PositionId widget = newPosition();
        ObjectNode receipt = movement(newMovementId(), widget, 10).put("unitCost", new BigDecimal("1.5"));
        Answer first = post("receipts", receipt, "X-Correlation-Id", "first-try");

        Answer retry =
                post("receipts", receipt.put("unitCost", new BigDecimal("1.500")), "X-Correlation-Id", "second-try");

        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.header("X-Correlation-Id")).isEqualTo("second-try");
        assertThat(events(widget)).hasSize(1);
    }

    @Test
    void aRetriedShipmentIsAnsweredLikeTheFirstTimeEvenWhenTheStockIsGoneSince() {
        PositionId widget = newPosition();
        givenReceived(widget, 5);
        ObjectNode shipment = movement(newMovementId(), widget, 5);
        Answer first = post("shipments", shipment);

        Answer retry = post("shipments", shipment);

        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(events(widget)).hasSize(2);
    }

    @Test
    void aMovementIdReusedWithOtherContentIsRefusedAndRecordsNothing() {
        PositionId widget = newPosition();
        PositionId gadget = newPosition();
        String movementId = newMovementId();
        given("receipts", movement(movementId, widget, 10));

        Answer otherQuantity = post("receipts", movement(movementId, widget, 11));
        Answer otherReference =
                post("receipts", movement(movementId, widget, 10).set("reference", referenceTo("PO", "77")));
        Answer otherKind = post("returns", movement(movementId, widget, 10));
        Answer otherPosition = post("receipts", movement(movementId, gadget, 10));

        for (Answer answer : List.of(otherQuantity, otherReference, otherKind, otherPosition)) {
            assertProblem(answer, 409, "movement-id-conflict");
            assertThat(answer.body().path("movementId").asText()).isEqualTo(movementId);
        }
        assertThat(events(widget)).hasSize(1);
        assertThat(events(gadget)).isEmpty();
    }

    @Test
    void aRefusedMovementLeavesItsIdFree() {
        PositionId widget = newPosition();
        givenReceived(widget, 10);
        String movementId = newMovementId();

        Answer refused = post("counts", movement(movementId, widget, 8).put("expectedOnHand", 9));
        Answer recorded = post("counts", movement(movementId, widget, 8).put("expectedOnHand", 10));

        assertProblem(refused, 409, "on-hand-mismatch");
        assertThat(recorded.status()).isEqualTo(201);
        assertThat(events(widget)).hasSize(2);
    }

    @Test
    void concurrentPostsOfOneMovementRecordItOnceAndAllGetTheFirstAnswer() throws Exception {
        PositionId widget = newPosition();
        ObjectNode receipt = movement(newMovementId(), widget, 10);

        List<Answer> answers = concurrently(16, attempt -> post("receipts", receipt));

        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).isEqualTo(201));
        assertThat(answers).extracting(Answer::body).containsOnly(answers.get(0).body());
        assertThat(events(widget)).hasSize(1);
    }

    @Test
    void concurrentPostsOfOneMovementIdToDifferentPositionsRecordOneOfThem() throws Exception {
        String movementId = newMovementId();
        List<PositionId> positions = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            positions.add(newPosition());
        }

        List<Answer> answers = concurrently(
                positions.size(), attempt -> post("receipts", movement(movementId, positions.get(attempt), 1)));

        assertThat(answers).filteredOn(answer -> answer.status() == 201).hasSize(1);
        assertThat(answers)
                .filteredOn(answer -> answer.status() != 201)
                .allSatisfy(answer -> assertProblem(answer, 409, "movement-id-conflict"));
        assertThat(positions.stream()
                        .mapToInt(position -> events(position).size())
                        .sum())
                .isEqualTo(1);
    }

    /**
     * The registry row and the event commit together: a command that passes the position but whose row the
     * registry refuses (the id is taken) leaves no event in the store, whoever sends it. The registry's failure
     * reaches the sender as it is.
     */
    @Test
    void aMovementIdTakenElsewhereRollsBackTheEventOfACommandSentDirectly() {
        PositionId widget = newPosition();
        PositionId elsewhere = newPosition();
        String movementId = newMovementId();
        given("receipts", movement(movementId, widget, 10));
        ReceiveStock sameIdElsewhere = new ReceiveStock(
                elsewhere,
                Quantity.of(1),
                null,
                new MovementHeader(
                        MovementId.of(movementId),
                        Instant.parse(OCCURRED_AT),
                        null,
                        new Origin(
                                SourceSystem.of("erp"),
                                new ReferenceDocument("PO", "1"),
                                Principal.of("erp-connector"),
                                CorrelationId.of("direct"))));

        Throwable failure = catchThrowable(() -> commands.sendAndWait(sameIdElsewhere));

        assertThat(failure).isInstanceOf(DuplicateKeyException.class);
        assertThat(events(elsewhere)).isEmpty();
    }

    private static ObjectNode referenceTo(String type, String number) {
        return JSON.createObjectNode().put("type", type).put("number", number);
    }

    interface Attempt {
        Answer run(int attempt);
    }

    /** Runs the attempts at once, released together, and waits for every answer. */
    private static List<Answer> concurrently(int attempts, Attempt attempt) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(attempts);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Answer>> answers = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                int number = i;
                answers.add(threads.submit(() -> {
                    start.await();
                    return attempt.run(number);
                }));
            }
            start.countDown();
            List<Answer> all = new ArrayList<>();
            for (Future<Answer> answer : answers) {
                all.add(answer.get());
            }
            return all;
        } finally {
            threads.shutdownNow();
        }
    }
}
