package io.stockledger.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BookTest {

    private static final String POSITION = "S1@DC1";

    @Test
    void onHandFollowsCountsAndShortPicks() {
        Book book = new Book();
        book.receive(POSITION, 10);
        book.counted(POSITION, 2);
        book.shortPicked(POSITION, 3);
        book.counted(POSITION, -1);

        assertThat(book.onHand(POSITION)).isEqualTo(8);
        assertThat(book.expected(book.auditEntries, "COUNT")).isEqualTo(2);
        assertThat(book.expected(book.auditEntries, "SHORT_PICK")).isEqualTo(1);
    }

    @Test
    void reservedAtMostFallsWithFulfilmentsAndReleasesButNotWithExpiries() {
        Book book = new Book();
        book.receive(POSITION, 10);
        Book.Reservation shipped = new Book.Reservation("R1", false);
        Book.Reservation released = new Book.Reservation("R2", false);
        Book.Reservation expiring = new Book.Reservation("R3", true);
        book.confirm(shipped, Map.of(POSITION, 3L));
        book.confirm(released, Map.of(POSITION, 2L));
        book.confirm(expiring, Map.of(POSITION, 1L));

        book.settle(shipped, Map.of(POSITION, 1L), true);
        book.settle(released, Map.of(), false);

        assertThat(book.reservedAtMost(POSITION)).isEqualTo(1 + 1);
        assertThat(book.onHand(POSITION)).isEqualTo(8);
    }

    @Test
    void aCountWaitsForNoneOfItsOwnAndMovesRunInsideOneAnother() {
        Book book = new Book();
        // shared locks of several positions, taken in any order, nest; a count of another position runs inside
        String answer = book.moving(
                List.of("S2@DC1", POSITION),
                () -> book.moving(List.of(POSITION), () -> book.counting("S3@DC1", () -> "counted")));

        assertThat(answer).isEqualTo("counted");
    }

    @Test
    void aRoundThatCountsAPositionKeepsEveryOtherClientOffItUntilItsAnswersAreBooked() throws Exception {
        Book book = new Book();
        java.util.concurrent.CountDownLatch counting = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.Set<String> counted = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Thread counter = new Thread(() -> book.changing(List.of("S0@DC1"), List.of(POSITION), positions -> {
            counted.addAll(positions);
            counting.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        counter.start();
        counting.await();
        java.util.concurrent.atomic.AtomicBoolean moved = new java.util.concurrent.atomic.AtomicBoolean();
        Thread mover = new Thread(() -> book.moving(List.of(POSITION), () -> {
            moved.set(true);
            return null;
        }));
        mover.start();
        mover.join(200);
        assertThat(counted).containsExactly(POSITION);
        assertThat(moved).as("moved while counted").isFalse();
        assertThat(book.moving(List.of("S0@DC1"), () -> "shared")).isEqualTo("shared");

        release.countDown();
        mover.join(5_000);
        counter.join(5_000);
        assertThat(moved).isTrue();
    }

    @Test
    void aBulkCountNeverWaitsForAPositionAnotherClientMoves() throws Exception {
        Book book = new Book();
        java.util.concurrent.CountDownLatch moving = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Thread mover = new Thread(() -> book.moving(List.of(POSITION), () -> {
            moving.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        mover.start();
        moving.await();

        java.util.Set<String> whileMoving =
                book.changing(List.of(), List.of(POSITION, "S9@DC1"), positions -> positions);
        assertThat(whileMoving).containsExactly("S9@DC1");

        release.countDown();
        mover.join(5_000);
        java.util.Set<String> afterwards = book.changing(List.of(), List.of(POSITION), positions -> positions);
        assertThat(afterwards).containsExactly(POSITION);
    }

    @Test
    void aPositionIsNeverCountedAndMovedInOneRound() {
        Book book = new Book();

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> book.changing(List.of(POSITION), List.of(POSITION), positions -> null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
