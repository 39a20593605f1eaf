package io.stockledger.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The ledger in the Axon Server mode: any number of command-side and query-side instances as real processes against
 * one Axon Server, all on one data directory, so that the instances of a side share its database (H2 AUTO_SERVER).
 */
final class AxonServerLedger implements AutoCloseable {

    private final Path dataDir;
    private final List<String> arguments;
    private final List<LedgerProcess> commandSides = new ArrayList<>();
    private final List<LedgerProcess> querySides = new ArrayList<>();
    private final Http http = new Http();

    private AxonServerLedger(Path dataDir, String axonServer, List<String> extra) {
        this.dataDir = dataDir;
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.profiles.active=axonserver",
                "--axon.axonserver.servers=" + axonServer,
                // Quick hand-over for the tests: a dead instance's segments are free after 5 s, rebalanced every 2 s.
                "--axon.eventhandling.tokenstore.claim-timeout=5s",
                "--stockledger.projections.balance-interval=2s"));
        arguments.addAll(extra);
        this.arguments = List.copyOf(arguments);
    }

    /** A new data directory under {@code target/e2e}; nothing is started yet. */
    static AxonServerLedger create(String name, String axonServer, String... extra) {
        Path workDir = Path.of(System.getProperty("stockledger.e2e.work-dir", "target/e2e"));
        try {
            Files.createDirectories(workDir);
            return new AxonServerLedger(
                    Files.createTempDirectory(workDir.toAbsolutePath(), name + "-"), axonServer, List.of(extra));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    LedgerProcess startCommandSide() {
        LedgerProcess process = new LedgerProcess(
                "command-side-" + (commandSides.size() + 1),
                jar("stockledger.command-side.jar"),
                freePort(),
                dataDir,
                arguments);
        commandSides.add(process);
        return process.start(http);
    }

    LedgerProcess startQuerySide() {
        LedgerProcess process = new LedgerProcess(
                "query-side-" + (querySides.size() + 1),
                jar("stockledger.query-side.jar"),
                freePort(),
                dataDir,
                arguments);
        querySides.add(process);
        return process.start(http);
    }

    LedgerProcess querySide(int index) {
        return querySides.get(index);
    }

    Http http() {
        return http;
    }

    Path dataDir() {
        return dataDir;
    }

    /** The JDBC URL of the query side's shared projections database, joined like another instance would. */
    String projectionsUrl() {
        return "jdbc:h2:file:" + dataDir.resolve("query").resolve("projections") + ";AUTO_SERVER=TRUE";
    }

    String logTails(int lines) {
        return java.util.stream.Stream.concat(commandSides.stream(), querySides.stream())
                .map(process -> "---- " + process.name() + " (" + process.log() + ")\n" + process.tail(lines))
                .collect(Collectors.joining("\n"));
    }

    @Override
    public void close() {
        querySides.forEach(LedgerProcess::stop);
        commandSides.forEach(LedgerProcess::stop);
    }

    static Path jar(String property) {
        String path = System.getProperty(property);
        if (path == null) {
            throw new IllegalStateException("system property " + property + " is not set (see end-to-end/pom.xml)");
        }
        return Path.of(path).toAbsolutePath().normalize();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
