package io.stockledger.command.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Quantity;
import io.stockledger.api.common.ReservationId;
import io.stockledger.api.reservation.ReservationConfirmed;
import io.stockledger.api.stock.Balance;
import io.stockledger.api.stock.StockReserved;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Under any concurrency no position is ever reserved beyond its available quantity, and reserving the same
 * reservation id twice answers the first outcome. Many HTTP clients race here through the whole stack.
 */
class ReservationConcurrencyApiTest extends ReservationApiTestSupport {

    private static final int CLIENTS = 32;
    private static final long STOCK = 100;
    private static final int ATTEMPTS = 200;

    @Test
    void racingClientsNeverReserveMoreThanIsAvailable() throws Exception {
        PositionId widget = stocked(STOCK);

        List<Answer> answers =
                race(CLIENTS, ATTEMPTS, attempt -> place(reservation(newReservationId(), line(widget, 1))));

        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).isIn(201, 409));
        assertThat(answers).filteredOn(answer -> answer.status() == 201).hasSize((int) STOCK);
        assertThat(answers)
                .filteredOn(answer -> answer.status() == 409)
                .hasSize(ATTEMPTS - (int) STOCK)
                .allSatisfy(answer -> assertProblem(answer, 409, "reservation-rejected"));
        Balance balance = balance(widget);
        assertThat(balance.reserved()).isEqualTo(Quantity.of(STOCK));
        assertThat(balance.available()).isEqualTo(Quantity.ZERO);
        List<StockReserved> reserved = events(widget).stream()
                .filter(StockReserved.class::isInstance)
                .map(StockReserved.class::cast)
                .toList();
        assertThat(reserved).hasSize((int) STOCK);
        assertThat(reserved)
                .allSatisfy(event ->
                        assertThat(event.after().available().isNegative()).isFalse());
        assertThat(reserved.stream().map(StockReserved::reservationId).distinct())
                .hasSize((int) STOCK);
    }

    @Test
    void theSameReservationPostedByManyClientsAtOnceIsPlacedOnce() throws Exception {
        PositionId widget = stocked(10);
        PositionId gadget = stocked(10);
        String reservationId = newReservationId();

        List<Answer> answers =
                race(16, 16, attempt -> place(reservation(reservationId, line(widget, 3), line(gadget, 2))));

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(201);
            assertThat(answer.body()).isEqualTo(answers.get(0).body());
        });
        assertThat(answers.get(0).body().path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(reservationEvents(reservationId)).singleElement().isInstanceOf(ReservationConfirmed.class);
        for (PositionId position : List.of(widget, gadget)) {
            assertThat(events(position))
                    .filteredOn(StockReserved.class::isInstance)
                    .singleElement()
                    .extracting(event -> ((StockReserved) event).reservationId())
                    .isEqualTo(ReservationId.of(reservationId));
        }
        assertThat(balance(widget).reserved()).isEqualTo(Quantity.of(3));
        assertThat(balance(gadget).reserved()).isEqualTo(Quantity.of(2));
    }

    /** Runs {@code attempts} requests on {@code clients} threads, all released at once; answers in attempt order. */
    private static List<Answer> race(int clients, int attempts, IntFunction<Answer> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Answer>> futures = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                int attempt = i;
                Callable<Answer> call = () -> {
                    start.await();
                    return request.apply(attempt);
                };
                futures.add(pool.submit(call));
            }
            start.countDown();
            List<Answer> answers = new ArrayList<>();
            for (Future<Answer> future : futures) {
                answers.add(future.get(60, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
