package io.stockledger.query.eventlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The query side's event store: every stream gets every event in log order, the log read once, memory bounded. */
class FanOutEventStoreTest {

    /** An in-memory log that counts the events it hands out. */
    static final class CountingLog extends InMemoryEventStorageEngine {
        final AtomicLong eventsRead = new AtomicLong();

        CountingLog() {
            super();
        }

        @Override
        public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
            return super.readEvents(trackingToken, mayBlock).peek(event -> eventsRead.incrementAndGet());
        }

        void append(int from, int count) {
            List<EventMessage<?>> events = new ArrayList<>();
            IntStream.range(from, from + count).forEach(i -> events.add(GenericEventMessage.asEventMessage(i)));
            appendEvents(events);
        }
    }

    private final CountingLog log = new CountingLog();
    private FanOutEventStore store;

    @AfterEach
    void shutDown() {
        if (store != null) {
            store.shutDown();
        }
    }

    private FanOutEventStore store(int capacity, int readAhead) {
        store = FanOutEventStore.builder()
                .storageEngine(log)
                .capacity(capacity)
                .readAhead(readAhead)
                .fetchDelay(Duration.ofMillis(5))
                .build();
        return store;
    }

    private static List<Integer> read(TrackingEventStream stream, int count) throws InterruptedException {
        List<Integer> payloads = new ArrayList<>();
        while (payloads.size() < count) {
            assertThat(stream.hasNextAvailable(10, TimeUnit.SECONDS))
                    .as("event %d arrives", payloads.size())
                    .isTrue();
            payloads.add((Integer) stream.nextAvailable().getPayload());
        }
        return payloads;
    }

    /** Reads {@code count} events on another thread. */
    private static CompletableFuture<List<Integer>> readLater(TrackingEventStream stream, int count) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return read(stream, count);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static List<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().toList();
    }

    @Test
    void streamsThatKeepUpShareOneReadOfTheLog() throws Exception {
        log.append(0, 5_000);
        FanOutEventStore store = store(10_000, 1_000);
        List<TrackingEventStream> streams =
                List.of(store.openStream(null), store.openStream(null), store.openStream(null));

        List<CompletableFuture<List<Integer>>> reads =
                streams.stream().map(stream -> readLater(stream, 6_000)).toList();
        log.append(5_000, 1_000);

        for (CompletableFuture<List<Integer>> read : reads) {
            assertThat(read.get(60, TimeUnit.SECONDS)).isEqualTo(range(0, 6_000));
        }
        // three streams, 6,000 events: read once from the log, not three times
        assertThat(log.eventsRead.get()).isLessThan(2 * 6_000);
        assertThat(store.tailingStreams()).isEqualTo(3);
    }

    @Test
    void aStreamThatStopsLeavesTheRingBoundedAndReadsTheLogItselfToCatchUp() throws Exception {
        log.append(0, 10_000);
        FanOutEventStore store = store(100, 50);
        TrackingEventStream slow = store.openStream(null);
        TrackingEventStream fast = store.openStream(null);
        assertThat(read(slow, 10)).isEqualTo(range(0, 10));

        List<Integer> fastRead = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            fastRead.addAll(read(fast, 1));
            assertThat(store.cachedEvents()).isLessThanOrEqualTo(100);
        }
        assertThat(fastRead).isEqualTo(range(0, 10_000));

        // the slow stream fell out of the ring: it reads the log alone, then takes its place in the ring again
        assertThat(read(slow, 9_990)).isEqualTo(range(10, 10_000));
        log.append(10_000, 10);
        assertThat(read(slow, 10)).isEqualTo(range(10_000, 10_010));
        assertThat(read(fast, 10)).isEqualTo(range(10_000, 10_010));
        assertThat(store.tailingStreams()).isEqualTo(2);
    }

    @Test
    void aStreamOpenedAtATokenReadsWhatFollowsIt() throws Exception {
        log.append(0, 1_000);
        FanOutEventStore store = store(10_000, 1_000);
        TrackingEventStream first = store.openStream(null);
        List<TrackedEventMessage<?>> read = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            assertThat(first.hasNextAvailable(10, TimeUnit.SECONDS)).isTrue();
            read.add(first.nextAvailable());
        }

        TrackingEventStream opened = store.openStream(read.get(500).trackingToken());

        assertThat(read(opened, 499)).isEqualTo(range(501, 1_000));
        assertThat(read(first, 499)).isEqualTo(range(501, 1_000));
    }

    @Test
    void aStreamAheadOfTheRingRestartsItAndTheOthersStillGetEveryEvent() throws Exception {
        log.append(0, 3_000);
        FanOutEventStore store = store(1_000, 100);
        TrackingEventStream behind = store.openStream(null);
        assertThat(read(behind, 10)).isEqualTo(range(0, 10));
        TrackingToken late = log.createHeadToken();

        TrackingEventStream ahead = store.openStream(late);
        log.append(3_000, 5);

        assertThat(read(ahead, 5)).isEqualTo(range(3_000, 3_005));
        assertThat(read(behind, 2_995)).isEqualTo(range(10, 3_005));
    }

    @Test
    void aWaitingStreamGetsAnEventAppendedLater() throws Exception {
        FanOutEventStore store = store(100, 10);
        TrackingEventStream stream = store.openStream(null);
        assertThat(stream.hasNextAvailable(0, TimeUnit.MILLISECONDS)).isFalse();

        CompletableFuture<List<Integer>> waiting = readLater(stream, 1);
        log.append(42, 1);

        assertThat(waiting.get(10, TimeUnit.SECONDS)).containsExactly(42);
        assertThat(stream.peek()).isEmpty();
    }

    @Test
    void theStoreAsStoredIsReadFromTheDatabaseNotFromTheRing() throws Exception {
        log.append(0, 100);
        FanOutEventStore store = store(1_000, 100);
        assertThat(read(store.openStream(null), 100)).isEqualTo(range(0, 100));
        long readBefore = log.eventsRead.get();

        TrackingEventStream stored = (TrackingEventStream) store.asStored().openStream(null);

        assertThat(read(stored, 100)).isEqualTo(range(0, 100));
        assertThat(log.eventsRead.get() - readBefore).isEqualTo(100);
        assertThat(store.tailingStreams()).isEqualTo(1);
    }

    @Test
    void shutDownEndsEveryStream() throws Exception {
        FanOutEventStore store = store(100, 10);
        TrackingEventStream stream = store.openStream(null);
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return stream.hasNextAvailable(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        store.shutDown();

        assertThat(waiting.get(10, TimeUnit.SECONDS)).isFalse();
    }
}
