package io.stockledger.query.channel;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Serves the availability change log as server-sent events. Each subscriber remembers the id of the last change it
 * was sent; one poller thread sends every subscriber the changes after it, in id order. The ids are written by the
 * one projection thread, in the transaction of the event that caused them, so they become visible in order and a
 * subscriber that resumes after id n (its {@code Last-Event-ID}) gets exactly the changes after n: no gap, no
 * duplicate. The poller also keeps the projection's freshness reading current, and sends a comment every
 * heartbeat so that a client that went away is noticed. On shutdown the streams are ended first (a stream never
 * ends by itself, and the web server's graceful shutdown would otherwise wait for it).
 */
@Component
class AvailabilityStream implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AvailabilityStream.class);
    private static final int BATCH = 500;

    private final ChannelRows rows;
    private final Freshness freshness;
    private final long heartbeatMillis;
    private final long pollMillis;
    private volatile boolean running;
    private volatile boolean failing;
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "availability-stream");
        thread.setDaemon(true);
        return thread;
    });

    AvailabilityStream(
            ChannelRows rows,
            Freshness freshness,
            @Value("${stockledger.availability.stream-poll:25ms}") Duration poll,
            @Value("${stockledger.availability.heartbeat:15s}") Duration heartbeat) {
        this.rows = rows;
        this.freshness = freshness;
        this.heartbeatMillis = heartbeat.toMillis();
        this.pollMillis = Math.max(1, poll.toMillis());
    }

    @Override
    public void start() {
        running = true;
        poller.scheduleWithFixedDelay(this::poll, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
    }

    /** Ends every stream before the web server shuts down gracefully: this phase stops first. */
    @Override
    public void stop() {
        running = false;
        poller.shutdownNow();
        subscribers.forEach(subscriber -> subscriber.emitter.complete());
        subscribers.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    /** A new subscriber to a channel's changes after {@code after} (null: from now on), of {@code skus} only. */
    SseEmitter subscribe(String channel, List<String> skus, Long after) {
        if (!running) {
            throw new IllegalStateException("the availability stream is shutting down");
        }
        SseEmitter emitter = new SseEmitter(0L);
        long from = after == null ? rows.lastChange(channel) : after;
        Subscriber subscriber = new Subscriber(channel, List.copyOf(skus), emitter, from);
        emitter.onCompletion(() -> subscribers.remove(subscriber));
        emitter.onTimeout(() -> subscribers.remove(subscriber));
        emitter.onError(e -> subscribers.remove(subscriber));
        subscribers.add(subscriber);
        return emitter;
    }

    private void poll() {
        try {
            freshness.read();
            long now = System.currentTimeMillis();
            for (Subscriber subscriber : subscribers) {
                send(subscriber, now);
            }
            failing = false;
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("Availability stream poll failed; retrying every {} ms", pollMillis, e);
            }
            failing = true;
        }
    }

    private void send(Subscriber subscriber, long now) {
        try {
            List<ChannelRows.Change> changes;
            do {
                changes = rows.changesAfter(subscriber.channel, subscriber.skus, subscriber.lastSent, BATCH);
                for (ChannelRows.Change change : changes) {
                    subscriber.emitter.send(SseEmitter.event()
                            .id(Long.toString(change.id()))
                            .name("availability")
                            .data(change.payload()));
                    subscriber.lastSent = change.id();
                    subscriber.lastWrite = now;
                }
            } while (changes.size() == BATCH);
            if (now - subscriber.lastWrite >= heartbeatMillis) {
                subscriber.emitter.send(SseEmitter.event().comment("heartbeat"));
                subscriber.lastWrite = now;
            }
        } catch (IOException | IllegalStateException gone) {
            subscribers.remove(subscriber);
            subscriber.emitter.completeWithError(gone);
        }
    }

    private static final class Subscriber {
        final String channel;
        final List<String> skus;
        final SseEmitter emitter;
        long lastSent;
        long lastWrite = System.currentTimeMillis();

        Subscriber(String channel, List<String> skus, SseEmitter emitter, long lastSent) {
            this.channel = channel;
            this.skus = skus;
            this.emitter = emitter;
            this.lastSent = lastSent;
        }
    }
}
