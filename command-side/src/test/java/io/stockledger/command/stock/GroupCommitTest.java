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
import io.stockledger.api.stock.StockReceived;
import io.stockledger.api.stock.StockShipped;
import io.stockledger.command.platform.DiskSync;
import io.stockledger.command.platform.GroupCommitCommandBus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Group commit as clients see it: answers come only after the sync to disk that covers their events, concurrent
 * commands share syncs, and a refused command in a group changes nothing while its neighbours are recorded.
 */
@TestPropertySource(properties = "axon.eventhandling.processors.poisoned-groups.mode=subscribing")
class GroupCommitTest extends MovementApiTestSupport {

    /** One sync to disk as the store did it: every event up to {@code covered} committed, done at {@code doneAt}. */
    record Sync(long covered, long doneAt) {}

    static final List<Sync> SYNCS = new CopyOnWriteArrayList<>();
    static final AtomicInteger ROLLBACKS = new AtomicInteger();
    /** While set, the next sync waits for it to be counted down: what is dispatched meanwhile forms one group. */
    static final AtomicReference<CountDownLatch> HOLD_NEXT_SYNC = new AtomicReference<>();

    static final AtomicBoolean FAIL_NEXT_SYNC = new AtomicBoolean();
    static final String POISON_SKU = "POISON-GROUP";

    /** The store's sync, slowed a little and recorded with what it covered. */
    @TestConfiguration
    static class RecordingSync {

        @Bean
        @Primary
        DiskSync recordingDiskSync(JdbcTemplate jdbc) {
            return () -> {
                CountDownLatch hold = HOLD_NEXT_SYNC.getAndSet(null);
                if (hold != null) {
                    await(hold);
                }
                if (FAIL_NEXT_SYNC.getAndSet(false)) {
                    throw new IllegalStateException("the disk went away");
                }
                Long committed = jdbc.queryForObject("SELECT MAX(globalIndex) FROM DomainEventEntry", Long.class);
                sleep(5);
                jdbc.execute("CHECKPOINT SYNC");
                SYNCS.add(new Sync(committed == null ? -1 : committed, System.nanoTime()));
            };
        }

        @Bean
        GroupCommitCommandBus.RollbackListener countingRollbacks() {
            return ROLLBACKS::incrementAndGet;
        }

        @Bean
        PoisonedGroups poisonedGroups() {
            return new PoisonedGroups();
        }
    }

    /**
     * Makes the transaction of any group holding a receipt of {@value #POISON_SKU} fail at its commit, after every
     * command of the group has run (a subscribing handler, so it runs in the receipt's unit of work).
     */
    @ProcessingGroup("poisoned-groups")
    static class PoisonedGroups {

        @EventHandler
        void on(StockReceived event) {
            if (event.positionId().sku().value().equals(POISON_SKU)) {
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void beforeCommit(boolean readOnly) {
                        throw new IllegalStateException("this group cannot commit");
                    }
                });
            }
        }
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CommandGateway commands;

    private final ExecutorService clients = Executors.newFixedThreadPool(16);

    @AfterEach
    void stopClients() {
        clients.shutdownNow();
    }

    @Test
    void everyAnswerFollowsTheSyncToDiskThatCoversItsEvent() {
        record Acknowledged(PositionId position, long at) {}
        List<PositionId> positions =
                IntStream.range(0, 48).mapToObj(i -> newPosition()).toList();
        List<Acknowledged> answers = Collections.synchronizedList(new ArrayList<>());

        CompletableFuture.allOf(positions.stream()
                        .map(position -> CompletableFuture.runAsync(
                                () -> {
                                    Answer answer = post("receipts", movement(newMovementId(), position, 5));
                                    assertThat(answer.status()).isEqualTo(201);
                                    answers.add(new Acknowledged(position, System.nanoTime()));
                                },
                                clients))
                        .toArray(CompletableFuture[]::new))
                .join();

        for (Acknowledged answer : answers) {
            long index = jdbc.queryForObject(
                    "SELECT globalIndex FROM DomainEventEntry WHERE aggregateIdentifier = ? AND sequenceNumber = 0",
                    Long.class,
                    answer.position().toString());
            assertThat(SYNCS)
                    .as("a sync covering event %d finished before its answer", index)
                    .anyMatch(sync -> sync.covered() >= index && sync.doneAt() <= answer.at());
        }
        long syncsForThese = SYNCS.stream()
                .filter(sync -> sync.doneAt()
                        <= answers.stream().mapToLong(Acknowledged::at).max().orElseThrow())
                .count();
        assertThat(syncsForThese).as("concurrent commands share syncs").isLessThan(positions.size());
    }

    @Test
    void aGroupThatCannotCommitIsRunAgainOneCommandAtATime() throws Exception {
        List<PositionId> neighbours =
                IntStream.range(0, 5).mapToObj(i -> newPosition()).toList();
        PositionId poisoned = PositionId.of(POISON_SKU, "DC1");
        int rollbacksBefore = ROLLBACKS.get();
        CountDownLatch hold = new CountDownLatch(1);
        HOLD_NEXT_SYNC.set(hold);
        CompletableFuture<Object> first = commands.send(receipt(newPosition()));

        CompletableFuture<Object> poison = commands.send(receipt(poisoned));
        List<CompletableFuture<Object>> others = neighbours.stream()
                .map(position -> commands.send(receipt(position)))
                .toList();
        hold.countDown();

        first.get(30, TimeUnit.SECONDS);
        assertThat(catchThrowable(() -> poison.get(30, TimeUnit.SECONDS))).hasMessageContaining("cannot commit");
        for (CompletableFuture<Object> other : others) {
            other.get(30, TimeUnit.SECONDS);
        }
        assertThat(ROLLBACKS.get() - rollbacksBefore)
                .as("the group, then the poisoned receipt alone")
                .isEqualTo(2);
        assertThat(events(poisoned)).isEmpty();
        assertThat(neighbours)
                .allSatisfy(position -> assertThat(events(position)).hasSize(1));
    }

    @Test
    void aGroupThatCannotBeSyncedIsAnsweredUnavailableAndARetryFindsItRecordedOnce() {
        PositionId position = newPosition();
        ObjectNode receipt = movement(newMovementId(), position, 7);
        FAIL_NEXT_SYNC.set(true);

        assertProblem(post("receipts", receipt), 503, "ledger-unavailable");

        Answer retried = post("receipts", receipt);
        assertThat(retried.status()).isEqualTo(201);
        assertThat(events(position)).hasSize(1);
    }

    @Test
    void refusedCommandsInAGroupChangeNothingAndTheirNeighboursAreRecorded() {
        int rollbacksBefore = ROLLBACKS.get();
        PositionId hot = newPosition();
        givenReceived(hot, 40);
        // 16 receipts of 2 and 32 shipments of 3: 96 units to ship from at most 72, so some must be refused
        record Posted(String kind, String movementId, long quantity, Answer answer) {}

        List<CompletableFuture<Posted>> posts = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            String kind = i % 3 == 0 ? "receipts" : "shipments";
            long quantity = kind.equals("receipts") ? 2 : 3;
            posts.add(CompletableFuture.supplyAsync(
                    () -> {
                        String movementId = newMovementId();
                        ObjectNode body = movement(movementId, hot, quantity);
                        return new Posted(kind, movementId, quantity, post(kind, body));
                    },
                    clients));
        }
        List<Posted> answered = posts.stream().map(CompletableFuture::join).toList();

        long received = 40;
        long shipped = 0;
        int refused = 0;
        for (Posted posted : answered) {
            if (posted.answer().status() == 201) {
                if (posted.kind().equals("receipts")) {
                    received += posted.quantity();
                } else {
                    shipped += posted.quantity();
                }
                assertThat(get("/api/v1/movements/" + posted.movementId()).status())
                        .isEqualTo(200);
            } else {
                assertProblem(posted.answer(), 409, "insufficient-available-stock");
                assertThat(posted.kind()).isEqualTo("shipments");
                assertThat(get("/api/v1/movements/" + posted.movementId()).status())
                        .as("a refused movement is not recorded")
                        .isEqualTo(404);
                refused++;
            }
        }
        assertThat(refused).as("96 units cannot all ship from 72").isPositive();
        long recordedReceipts = events(hot).stream()
                .filter(StockReceived.class::isInstance)
                .map(StockReceived.class::cast)
                .mapToLong(event -> event.quantity().units())
                .sum();
        long recordedShipments = events(hot).stream()
                .filter(StockShipped.class::isInstance)
                .map(StockShipped.class::cast)
                .mapToLong(event -> event.quantity().units())
                .sum();
        assertThat(recordedReceipts).isEqualTo(received);
        assertThat(recordedShipments).isEqualTo(shipped);
        assertThat(received - shipped).as("on hand").isNotNegative();
        assertThat(ROLLBACKS.get() - rollbacksBefore)
                .as("refusals roll back to their savepoint, not the group")
                .isZero();
    }

    private static ReceiveStock receipt(PositionId position) {
        Origin origin = new Origin(
                SourceSystem.of("wms-dc1"),
                new ReferenceDocument("ASN", "4711"),
                Principal.of("test-client"),
                CorrelationId.of(UUID.randomUUID().toString()));
        return new ReceiveStock(
                position,
                Quantity.of(3),
                null,
                new MovementHeader(MovementId.of(newMovementId()), Instant.parse(OCCURRED_AT), null, origin));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
