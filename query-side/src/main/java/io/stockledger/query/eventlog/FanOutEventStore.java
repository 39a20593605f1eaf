package io.stockledger.query.eventlog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.AbstractEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An event store that reads the log once for every processor that keeps up with it, in bounded memory.
 *
 * <p>One reader thread reads the log after the newest event it holds and keeps the last {@code capacity} events in a
 * ring. A stream whose next event is in the ring takes it from there; a stream that fell out of the ring (a processor
 * that is catching up, or slower than the others by more than the ring holds) reads the log itself, batch by batch,
 * until it finds its place in the ring again. The reader reads at most {@code readAhead} events beyond the most
 * advanced stream, so the ring never runs away from its readers, and a stream holds nothing but its own next event:
 * memory stays at the ring's size however far a processor falls behind.
 *
 * <p>Axon's {@code EmbeddedEventStore} does the same with a linked list that its producer fills to the log's head
 * without bound, and a slow stream keeps every node after its own alive (AxonFramework issue 2954): a query side
 * catching up after a day of a million events ran out of heap that way. Only reads: the command side writes the log.
 */
final class FanOutEventStore extends AbstractEventStore {

    private static final Logger log = LoggerFactory.getLogger(FanOutEventStore.class);

    private final int capacity;
    private final int readAhead;
    private final long fetchDelayNanos;

    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when the reader appended events, the ring started over, or the store shuts down. */
    private final Condition appended = lock.newCondition();
    /** Signalled when the reader may have to read: a stream joined, came close to the ring's head, or closed. */
    private final Condition readerWanted = lock.newCondition();

    // Guarded by lock. The ring holds the events with sequence numbers [first, next).
    private final TrackedEventMessage<?>[] events;
    private final TrackingToken[] previousTokens;
    private long first;
    private long next;
    /** The token after which the reader reads next: that of the newest event in the ring, or where the ring began. */
    private TrackingToken readFrom;
    /** Bumped whenever the ring starts over somewhere else, so that a read in flight for the old place is dropped. */
    private long generation;

    private final Map<Consumer, Boolean> tailing = new IdentityHashMap<>();
    private final List<Consumer> open = new ArrayList<>();
    private Thread reader;
    private volatile boolean closed;

    private FanOutEventStore(Builder builder) {
        super(builder);
        this.capacity = builder.capacity;
        this.readAhead = builder.readAhead;
        this.fetchDelayNanos = builder.fetchDelay.toNanos();
        this.events = new TrackedEventMessage<?>[capacity];
        this.previousTokens = new TrackingToken[capacity];
    }

    static Builder builder() {
        return new Builder();
    }

    @Override
    public TrackingEventStream openStream(TrackingToken trackingToken) {
        return open(trackingToken, false);
    }

    /**
     * The log as the database holds it now, bypassing the ring: each stream reads the store itself, in global index
     * order. For a reader that checks what is stored (the hash chain's verifier), not for processors.
     */
    StreamableMessageSource<TrackedEventMessage<?>> asStored() {
        return new StreamableMessageSource<>() {
            @Override
            public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
                return open(trackingToken, true);
            }

            @Override
            public TrackingToken createTailToken() {
                return FanOutEventStore.this.createTailToken();
            }

            @Override
            public TrackingToken createHeadToken() {
                return FanOutEventStore.this.createHeadToken();
            }

            @Override
            public TrackingToken createTokenAt(Instant dateTime) {
                return FanOutEventStore.this.createTokenAt(dateTime);
            }
        };
    }

    private TrackingEventStream open(TrackingToken trackingToken, boolean alone) {
        Consumer consumer = new Consumer(trackingToken, alone);
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the event store is shut down");
            }
            open.add(consumer);
            consumer.tryJoin();
        } finally {
            lock.unlock();
        }
        return consumer;
    }

    /** Stops the reader and closes every open stream. */
    void shutDown() {
        List<Consumer> streams;
        lock.lock();
        try {
            closed = true;
            streams = new ArrayList<>(open);
            appended.signalAll();
            readerWanted.signalAll();
        } finally {
            lock.unlock();
        }
        streams.forEach(Consumer::close);
        Thread thread = reader;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** How many events the ring holds now; never more than its capacity. */
    int cachedEvents() {
        lock.lock();
        try {
            return (int) (next - first);
        } finally {
            lock.unlock();
        }
    }

    /** How many streams take their events from the ring now. */
    int tailingStreams() {
        lock.lock();
        try {
            return tailing.size();
        } finally {
            lock.unlock();
        }
    }

    private void ensureReader() {
        if (reader == null && !closed) {
            reader = new Thread(this::read, "event-log-reader");
            reader.setDaemon(true);
            reader.start();
        }
    }

    /** The reader's loop: read after the ring's newest event while some stream is close enough to want it. */
    private void read() {
        while (!closed) {
            TrackingToken from;
            long readFor;
            int wanted = 0;
            lock.lock();
            try {
                while (!closed && (wanted = wanted()) <= 0) {
                    readerWanted.await();
                }
                if (closed) {
                    return;
                }
                from = readFrom;
                readFor = generation;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
            List<TrackedEventMessage<?>> batch;
            try {
                batch = readBatch(from, wanted);
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                log.warn("Reading the event log failed; trying again in {} ms", fetchDelayNanos / 1_000_000, e);
                batch = List.of();
            }
            lock.lock();
            try {
                if (readFor == generation && !batch.isEmpty()) {
                    for (TrackedEventMessage<?> event : batch) {
                        append(event);
                    }
                    appended.signalAll();
                } else if (batch.isEmpty() && !closed) {
                    // Caught up (or failed): ask again after the fetch delay, or sooner if a stream joins.
                    readerWanted.awaitNanos(fetchDelayNanos);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
        }
    }

    /** How many events the reader should read now: up to {@code readAhead} beyond the most advanced tailing stream. */
    private int wanted() {
        long ahead = Long.MIN_VALUE;
        for (Consumer consumer : tailing.keySet()) {
            ahead = Math.max(ahead, consumer.sequence);
        }
        return ahead == Long.MIN_VALUE ? 0 : (int) Math.max(0, ahead + readAhead - next);
    }

    private List<TrackedEventMessage<?>> readBatch(TrackingToken from, int max) {
        List<TrackedEventMessage<?>> batch = new ArrayList<>(Math.min(max, 1024));
        try (Stream<? extends TrackedEventMessage<?>> stream = storageEngine().readEvents(from, false)) {
            Iterator<? extends TrackedEventMessage<?>> iterator = stream.iterator();
            while (batch.size() < max && iterator.hasNext()) {
                batch.add(iterator.next());
            }
        }
        return batch;
    }

    private void append(TrackedEventMessage<?> event) {
        if (next - first == capacity) {
            events[(int) (first % capacity)] = null;
            previousTokens[(int) (first % capacity)] = null;
            first++;
        }
        int slot = (int) (next % capacity);
        events[slot] = event;
        previousTokens[slot] = readFrom;
        readFrom = event.trackingToken();
        next++;
    }

    /** The ring starts over after {@code token}: streams still reading the old ring read the log themselves. */
    private void startOver(TrackingToken token) {
        for (long sequence = first; sequence < next; sequence++) {
            events[(int) (sequence % capacity)] = null;
            previousTokens[(int) (sequence % capacity)] = null;
        }
        first = next;
        readFrom = token;
        generation++;
        appended.signalAll();
    }

    /** True if {@code token} is past the ring's newest event: the ring is behind a stream that read the log alone. */
    private boolean ringBehind(TrackingToken token) {
        if (token == null) {
            return false;
        }
        return readFrom == null || (token.covers(readFrom) && !readFrom.covers(token));
    }

    /** One processor's stream: from the ring while its next event is there, from the log itself while it is not. */
    private final class Consumer implements TrackingEventStream {

        /** The token of the last event this stream returned (or the one it was opened at). */
        private volatile TrackingToken lastToken;
        /** The ring sequence of this stream's next event, while it is tailing. Guarded by lock. */
        private long sequence;

        private Stream<? extends TrackedEventMessage<?>> privateStream;
        private Iterator<? extends TrackedEventMessage<?>> privateEvents;
        private int readPrivately;
        private TrackedEventMessage<?> peeked;
        private volatile boolean streamClosed;
        /** Reads the store itself, never the ring. */
        private final boolean alone;

        private Consumer(TrackingToken start, boolean alone) {
            this.lastToken = start;
            this.alone = alone;
        }

        /**
         * Takes this stream's place in the ring if it has one (called under the lock). The ring starts over at this
         * stream when no stream reads it or when this stream is ahead of it; a stream behind the ring reads the log.
         */
        private boolean tryJoin() {
            if (closed || streamClosed || alone) {
                return false;
            }
            boolean joined = false;
            if (Objects.equals(readFrom, lastToken)) {
                sequence = next;
                joined = true;
            } else {
                for (long candidate = next - 1; candidate >= first; candidate--) {
                    if (Objects.equals(previousTokens[(int) (candidate % capacity)], lastToken)) {
                        sequence = candidate;
                        joined = true;
                        break;
                    }
                }
            }
            if (!joined && (tailing.isEmpty() || ringBehind(lastToken))) {
                startOver(lastToken);
                sequence = next;
                joined = true;
            }
            if (joined) {
                tailing.put(this, Boolean.TRUE);
                ensureReader();
                readerWanted.signal();
            }
            return joined;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            try {
                return hasNextAvailable(0, TimeUnit.MILLISECONDS) ? Optional.of(peeked) : Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            if (peeked != null) {
                return true;
            }
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            while (!closed && !streamClosed) {
                if (readFromRing(deadline)) {
                    return peeked != null;
                }
                if (readPrivately()) {
                    return true;
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                // At the log's head, reading it alone: look again after the fetch delay (or sooner, on any change).
                lock.lock();
                try {
                    if (!tailing.containsKey(this) && !tryJoin()) {
                        appended.awaitNanos(Math.min(remaining, fetchDelayNanos));
                    }
                } finally {
                    lock.unlock();
                }
            }
            return false;
        }

        /**
         * Takes the next event from the ring, waiting for it until the deadline. False if this stream does not read
         * the ring (any more); true otherwise, with {@code peeked} set unless the deadline passed.
         */
        private boolean readFromRing(long deadline) throws InterruptedException {
            lock.lock();
            try {
                while (tailing.containsKey(this)) {
                    if (sequence < first) {
                        tailing.remove(this);
                        return false;
                    }
                    if (sequence < next) {
                        peeked = events[(int) (sequence % capacity)];
                        sequence++;
                        lastToken = peeked.trackingToken();
                        if (next - sequence == readAhead / 2) {
                            readerWanted.signal();
                        }
                        return true;
                    }
                    long remaining = deadline - System.nanoTime();
                    if (remaining <= 0 || closed || streamClosed) {
                        return true;
                    }
                    appended.awaitNanos(remaining);
                }
                return false;
            } finally {
                lock.unlock();
            }
        }

        /** The next event read from the log by this stream alone; false (and the private read closed) at its end. */
        private boolean readPrivately() {
            if (streamClosed) {
                return false;
            }
            Iterator<? extends TrackedEventMessage<?>> iterator = privateEvents;
            if (iterator == null) {
                privateStream = storageEngine().readEvents(lastToken, false);
                privateEvents = iterator = privateStream.iterator();
                readPrivately = 0;
            }
            if (iterator.hasNext()) {
                peeked = iterator.next();
                lastToken = peeked.trackingToken();
                // Now and then, look for this stream's place in the ring, so it stops reading alone once it caught up.
                if (++readPrivately % Math.max(1, readAhead) == 0) {
                    lock.lock();
                    try {
                        if (tryJoin()) {
                            closePrivateStream();
                        }
                    } finally {
                        lock.unlock();
                    }
                }
                return true;
            }
            closePrivateStream();
            return false;
        }

        private void closePrivateStream() {
            if (privateStream != null) {
                privateStream.close();
            }
            privateStream = null;
            privateEvents = null;
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            while (!hasNextAvailable(Integer.MAX_VALUE, TimeUnit.MILLISECONDS)) {
                if (closed || streamClosed) {
                    throw new IllegalStateException("the event store is shut down");
                }
            }
            TrackedEventMessage<?> event = peeked;
            peeked = null;
            return event;
        }

        @Override
        public void close() {
            streamClosed = true;
            lock.lock();
            try {
                tailing.remove(this);
                open.remove(this);
                appended.signalAll();
                readerWanted.signal();
            } finally {
                lock.unlock();
            }
            closePrivateStream();
        }
    }

    static final class Builder extends AbstractEventStore.Builder {

        private int capacity = 10_000;
        private int readAhead = 1_000;
        private java.time.Duration fetchDelay = java.time.Duration.ofMillis(20);

        @Override
        public Builder storageEngine(EventStorageEngine storageEngine) {
            super.storageEngine(storageEngine);
            return this;
        }

        @Override
        public Builder messageMonitor(
                org.axonframework.monitoring.MessageMonitor<? super org.axonframework.eventhandling.EventMessage<?>>
                        messageMonitor) {
            super.messageMonitor(messageMonitor);
            return this;
        }

        /** How many recent events the ring keeps for the streams that keep up (default 10,000). */
        Builder capacity(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("capacity must be positive: " + capacity);
            }
            this.capacity = capacity;
            return this;
        }

        /** How far the reader reads beyond the most advanced stream (default 1,000; at most the capacity). */
        Builder readAhead(int readAhead) {
            if (readAhead < 1) {
                throw new IllegalArgumentException("readAhead must be positive: " + readAhead);
            }
            this.readAhead = readAhead;
            return this;
        }

        /** How long the reader waits before asking the log again once it has read everything (default 20 ms). */
        Builder fetchDelay(java.time.Duration fetchDelay) {
            this.fetchDelay = Objects.requireNonNull(fetchDelay);
            return this;
        }

        FanOutEventStore build() {
            validate();
            readAhead = Math.min(readAhead, capacity);
            return new FanOutEventStore(this);
        }
    }
}
