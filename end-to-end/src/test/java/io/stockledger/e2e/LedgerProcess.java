package io.stockledger.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One side of the ledger as a real JVM process: {@code java -jar} its exec jar on a given port and data
 * directory, its output appended to a log file that survives restarts.
 */
final class LedgerProcess {

    private static final Duration STARTUP_TIMEOUT =
            Duration.ofSeconds(Long.getLong("stockledger.e2e.startup-timeout-seconds", 180));
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final Path jar;
    private final int port;
    private final Path dataDir;
    private final Path log;
    private final List<String> arguments;
    private Process process;
    private List<String> jvmOptions = List.of("-Xmx512m");

    LedgerProcess(String name, Path jar, int port, Path dataDir) {
        this(name, jar, port, dataDir, List.of());
    }

    /** With extra Spring Boot arguments, e.g. {@code --spring.profiles.active=axonserver}. */
    LedgerProcess(String name, Path jar, int port, Path dataDir, List<String> arguments) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    name + " jar " + jar + " does not exist: build it first (mvn -DskipTests package)");
        }
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.dataDir = dataDir;
        this.log = dataDir.resolve("logs").resolve(name + ".log");
        this.arguments = List.copyOf(arguments);
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The JVM options of the next start, in place of the default heap limit. */
    LedgerProcess jvmOptions(String... options) {
        this.jvmOptions = List.of(options);
        return this;
    }

    /** Starts the process and waits until its health endpoint reports UP. */
    LedgerProcess start(Http http) {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(
                    log,
                    "==== starting " + name + " on port " + port + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.addAll(
                    List.of("-jar", jar.toString(), "--server.port=" + port, "--stockledger.data-dir=" + dataDir));
            command.addAll(arguments);
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(TestClient.environment());
            process = builder.directory(dataDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            process.getOutputStream().close(); // no standard input
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
        awaitUp(http);
        return this;
    }

    private void awaitUp(Http http) {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        name + " exited with " + process.exitValue() + " while starting:\n" + tail(60));
            }
            if (http.isUp(port)) {
                return;
            }
            sleep(250);
        }
        throw new IllegalStateException(name + " did not report UP within " + STARTUP_TIMEOUT + ":\n" + tail(60));
    }

    /** A graceful stop (SIGTERM), forced after a timeout. */
    void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** {@code kill -9}: no shutdown hook, no graceful close of the store. */
    void kill() {
        process.destroyForcibly(); // SIGKILL on Linux
        try {
            process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last lines of this process's log (across restarts). */
    String tail(int lines) {
        try {
            if (!Files.exists(log)) {
                return "(no log at " + log + ")";
            }
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    Path log() {
        return log;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
