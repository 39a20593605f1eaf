package io.stockledger.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Both sides of the ledger as two real processes on one fresh data directory and two free ports: the command
 * side first (it opens the H2 store and serves it to the other), then the query side. Stops both on
 * {@link #close()}, the query side first.
 */
final class Ledger implements AutoCloseable {

    static final Duration FRESHNESS_TIMEOUT = Duration.ofSeconds(30);

    private static final Set<Ledger> RUNNING = new CopyOnWriteArraySet<>();

    private final String name;
    private final Path dataDir;
    private final Http http = new Http();
    private final LedgerProcess commandSide;
    private final LedgerProcess querySide;

    private Ledger(String name, Path dataDir, List<String> querySideArguments) {
        this.name = name;
        this.dataDir = dataDir;
        this.commandSide = new LedgerProcess("command-side", jar("stockledger.command-side.jar"), freePort(), dataDir);
        this.querySide = new LedgerProcess(
                "query-side", jar("stockledger.query-side.jar"), freePort(), dataDir, querySideArguments);
    }

    /** Starts both sides on a new data directory under {@code target/e2e}, and waits until both are UP. */
    static Ledger start(String name) {
        return start(name, List.of());
    }

    /** The same, with extra Spring Boot arguments for the query side, e.g. {@code --stockledger.health.…=…}. */
    static Ledger start(String name, List<String> querySideArguments) {
        Path workDir = Path.of(System.getProperty("stockledger.e2e.work-dir", "target/e2e"));
        Ledger ledger;
        try {
            Files.createDirectories(workDir);
            ledger = new Ledger(
                    name, Files.createTempDirectory(workDir.toAbsolutePath(), name + "-"), querySideArguments);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RUNNING.add(ledger);
        try {
            ledger.commandSide.start(ledger.http);
            ledger.querySide.start(ledger.http);
        } catch (RuntimeException e) {
            String logs = ledger.logTails(60);
            ledger.close();
            throw new IllegalStateException("cannot start " + ledger + ": " + e.getMessage() + "\n" + logs, e);
        }
        return ledger;
    }

    /** Every ledger started and not yet closed; a failing test prints their log tails. */
    static Set<Ledger> running() {
        return RUNNING;
    }

    Http http() {
        return http;
    }

    Path dataDir() {
        return dataDir;
    }

    LedgerProcess commandSide() {
        return commandSide;
    }

    LedgerProcess querySide() {
        return querySide;
    }

    // --- command side ----------------------------------------------------------------------------------------

    Http.Response post(String kind, Object body) {
        return post(kind, body, Map.of());
    }

    Http.Response post(String kind, Object body, Map<String, String> headers) {
        return http.post(commandSide.port(), "/api/v1/movements/" + kind, body, headers);
    }

    Http.Response movement(String movementId) {
        return http.get(commandSide.port(), "/api/v1/movements/" + Http.encode(movementId));
    }

    // --- query side ------------------------------------------------------------------------------------------

    Http.Response position(String sku, String location) {
        return http.get(querySide.port(), "/api/v1/positions/" + Http.encode(sku) + "/" + Http.encode(location));
    }

    Http.Response audit(Map<String, String> filter) {
        return http.get(querySide.port(), "/api/v1/audit" + Http.query(filter));
    }

    /** Every audit entry matching the filter, following the {@code next} cursor through all pages. */
    List<JsonNode> auditEntries(Map<String, String> filter) {
        List<JsonNode> entries = new ArrayList<>();
        String after = null;
        do {
            Map<String, String> page = new LinkedHashMap<>(filter);
            page.put("limit", "1000");
            if (after != null) {
                page.put("after", after);
            }
            Http.Response response = audit(page);
            if (response.status() != 200) {
                throw new AssertionError("GET /api/v1/audit" + Http.query(page) + " answered " + response);
            }
            response.json().path("items").forEach(entries::add);
            JsonNode next = response.json().path("next");
            after = next.isTextual() ? next.asText() : null;
        } while (after != null);
        return entries;
    }

    /** Waits until the audit history holds exactly {@code count} entries for the movement, and returns them. */
    List<JsonNode> awaitAudit(String movementId, int count) {
        return await(
                "audit entries of movement " + movementId,
                () -> auditEntries(Map.of("movementId", movementId)),
                entries -> entries.size() >= count);
    }

    /** Waits until the position view satisfies the condition, and returns it. */
    JsonNode awaitPosition(String sku, String location, Predicate<JsonNode> condition) {
        return await(
                "position " + sku + "/" + location,
                () -> {
                    Http.Response response = position(sku, location);
                    return response.status() == 200 ? response.json() : null;
                },
                view -> view != null && condition.test(view));
    }

    static <T> T await(String what, Supplier<T> probe, Predicate<T> done) {
        long deadline = System.nanoTime() + FRESHNESS_TIMEOUT.toNanos();
        T last = probe.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "timed out after " + FRESHNESS_TIMEOUT + " waiting for " + what + "; last seen: " + last);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            last = probe.get();
        }
        return last;
    }

    // --- lifecycle -------------------------------------------------------------------------------------------

    String logTails(int lines) {
        return "---- " + name + " " + commandSide.name() + " (" + commandSide.log() + ")\n" + commandSide.tail(lines)
                + "\n---- " + name + " " + querySide.name() + " (" + querySide.log() + ")\n" + querySide.tail(lines);
    }

    @Override
    public void close() {
        try {
            querySide.stop();
            commandSide.stop();
        } finally {
            RUNNING.remove(this);
        }
    }

    private static Path jar(String property) {
        String path = System.getProperty(property);
        if (path == null) {
            throw new IllegalStateException("system property " + property + " is not set (see end-to-end/pom.xml)");
        }
        return Path.of(path).toAbsolutePath().normalize();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return name + " (command side :" + commandSide.port() + ", query side :" + querySide.port() + ", data "
                + dataDir + ")";
    }
}
