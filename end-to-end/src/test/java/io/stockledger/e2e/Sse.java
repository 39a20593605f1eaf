package io.stockledger.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A server-sent-events client for tests: connects (optionally with {@code Last-Event-ID}), parses events on a thread
 * of its own into a queue, and disconnects on {@link #close()}.
 */
final class Sse implements AutoCloseable {

    /** One event: its id, its name and its data as JSON. */
    record Event(long id, String name, JsonNode data) {}

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final InputStream body;
    private final Thread reader;

    private Sse(InputStream body) {
        this.body = body;
        this.reader = new Thread(this::read, "sse-reader");
        reader.setDaemon(true);
        reader.start();
    }

    static Sse connect(int port, String pathAndQuery, Long lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .header("Accept", "text/event-stream")
                .header("Authorization", TestClient.authorization())
                .GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", Long.toString(lastEventId));
        }
        try {
            HttpResponse<InputStream> response =
                    CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                String answer = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
                throw new AssertionError("GET " + pathAndQuery + " answered " + response.statusCode() + " " + answer);
            }
            return new Sse(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next {@code count} events, failing when they do not all arrive within {@code timeout}. */
    List<Event> take(int count, Duration timeout) {
        List<Event> taken = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (taken.size() < count) {
                Event event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (event == null) {
                    throw new AssertionError("expected " + count + " events within " + timeout + ", got " + taken);
                }
                taken.add(event);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return taken;
    }

    /**
     * Every event up to and including the first that {@code last} accepts, failing when none arrives within
     * {@code timeout}.
     */
    List<Event> takeUntil(java.util.function.Predicate<Event> last, Duration timeout) {
        List<Event> taken = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                Event event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (event == null) {
                    throw new AssertionError("expected the awaited event within " + timeout + ", got " + taken);
                }
                taken.add(event);
                if (last.test(event)) {
                    return taken;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every event that arrives within {@code window}. */
    List<Event> drain(Duration window) {
        List<Event> drained = new ArrayList<>();
        long deadline = System.nanoTime() + window.toNanos();
        try {
            Event event;
            while ((event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) != null) {
                drained.add(event);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return drained;
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String id = null;
            String name = null;
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (id != null && data.length() > 0) {
                        events.add(new Event(Long.parseLong(id), name, Http.JSON.readTree(data.toString())));
                    }
                    id = null;
                    name = null;
                    data.setLength(0);
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5));
                }
            }
        } catch (IOException closed) {
            // disconnected
        }
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException e) {
            // already gone
        }
        reader.interrupt();
    }
}
