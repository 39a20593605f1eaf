package io.stockledger.query.rebuild;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javax.annotation.Nonnull;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * The event log, read no further than a moving limit: a rebuild's processor never passes the live processor's
 * position, so that once the live processor stops, the rebuild can be brought to exactly the same event.
 */
final class CappedSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    private final StreamableMessageSource<TrackedEventMessage<?>> log;
    private final LongSupplier limit;

    CappedSource(StreamableMessageSource<TrackedEventMessage<?>> log, LongSupplier limit) {
        this.log = log;
        this.limit = limit;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return new CappedStream(log.openStream(trackingToken), limit);
    }

    @Override
    public TrackingToken createTailToken() {
        return log.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return log.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(@Nonnull Instant dateTime) {
        return log.createTokenAt(dateTime);
    }

    private record CappedStream(BlockingStream<TrackedEventMessage<?>> stream, LongSupplier limit)
            implements BlockingStream<TrackedEventMessage<?>> {

        private static final long WAIT_MILLIS = 20;

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return stream.peek().filter(this::withinLimit);
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            while (true) {
                Optional<TrackedEventMessage<?>> next = stream.peek();
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (next.isEmpty()) {
                    if (!stream.hasNextAvailable((int) Math.max(0, left), TimeUnit.MILLISECONDS)) {
                        return false;
                    }
                } else if (withinLimit(next.get())) {
                    return true;
                } else if (left <= 0) {
                    return false;
                } else {
                    Thread.sleep(Math.min(WAIT_MILLIS, left));
                }
            }
        }

        @Override
        public boolean hasNextAvailable() {
            try {
                return hasNextAvailable(0, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            while (!hasNextAvailable(1, TimeUnit.SECONDS)) {
                // The limit moves on when the live processor does.
            }
            return stream.nextAvailable();
        }

        @Override
        public void close() {
            stream.close();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            stream.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            return stream.setOnAvailableCallback(callback);
        }

        private boolean withinLimit(TrackedEventMessage<?> event) {
            TrackingToken token = event.trackingToken();
            return token.position().orElse(Long.MAX_VALUE) <= limit.getAsLong();
        }
    }
}
