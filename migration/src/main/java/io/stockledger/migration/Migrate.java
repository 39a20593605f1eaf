package io.stockledger.migration;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.axoniq.axonserver.connector.AxonServerConnection;
import io.axoniq.axonserver.connector.AxonServerConnectionFactory;
import io.axoniq.axonserver.connector.event.AppendEventsTransaction;
import io.axoniq.axonserver.connector.event.EventChannel;
import io.axoniq.axonserver.connector.event.EventStream;
import io.axoniq.axonserver.connector.impl.ServerAddress;
import io.axoniq.axonserver.grpc.event.Event;
import io.stockledger.store.StoreLogin;
import io.stockledger.store.StorePassword;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Copies every event of an embedded store into Axon Server, in global order, with event identifiers, aggregate
 * identifiers and sequence numbers, payload type and revision, timestamps and metadata kept. Axon Server must be
 * empty, or hold exactly the first events of this very store (an earlier run that stopped part way): the copy then
 * continues where that run stopped, and a run over a complete copy changes nothing. Any other content is refused.
 */
@Command(
        name = "stockledger-migrate",
        mixinStandardHelpOptions = true,
        subcommands = CompareProjections.class,
        description = "Copy the embedded store's event history into Axon Server (stop the embedded ledger first).")
public final class Migrate implements Callable<Integer> {

    static final int REFUSED = 2;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--data",
            defaultValue = "${env:STOCKLEDGER_DATA:-./data}",
            description = "The embedded ledger's data directory (its event store is events/ledger.mv.db).")
    Path data;

    @Option(
            names = "--source-url",
            description = "JDBC URL of the embedded event store, instead of the one under --data. Its password, as"
                    + " under --data: STOCKLEDGER_STORE_PASSWORD, else the store.password file of the data directory"
                    + " it lies in.")
    String sourceUrl;

    @Option(
            names = "--to",
            defaultValue = "${env:AXONSERVER_SERVERS:-localhost:8124}",
            description = "Axon Server's gRPC address, host:port.")
    String axonServer;

    @Option(names = "--context", defaultValue = "default", description = "Axon Server context.")
    String context;

    @Option(names = "--batch-size", defaultValue = "1000", description = "Events per Axon Server transaction.")
    int batchSize;

    public static void main(String[] args) {
        // a stopped ledger's store is opened here, with AUTO_SERVER as the ledger opens it: its server on loopback
        StoreLogin.serveOnLoopback();
        System.exit(new CommandLine(new Migrate()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String url = sourceUrl != null ? sourceUrl : embeddedStoreUrl();
        if (url == null) {
            err.println("no embedded event store at "
                    + data.resolve("events/ledger.mv.db").toAbsolutePath() + " (use --data or --source-url)");
            return REFUSED;
        }
        AxonServerConnectionFactory factory = AxonServerConnectionFactory.forClient("stockledger-migration")
                .routingServers(address(axonServer))
                .connectTimeout(10, TimeUnit.SECONDS)
                .build();
        long started = System.nanoTime();
        String password = sourceUrl != null ? StorePassword.findFor(sourceUrl) : StorePassword.find(data);
        try (EmbeddedEvents source = new EmbeddedEvents(url, StorePassword.USER, password)) {
            AxonServerConnection connection = factory.connect(context);
            EventChannel target = connection.eventChannel();
            long total = source.count();
            long present = target.getLastToken().get(30, TimeUnit.SECONDS) + 1;
            Optional<String> refusal = checkPrefix(source, target, present, total);
            if (refusal.isPresent()) {
                err.println(refusal.get());
                return REFUSED;
            }
            out.printf(
                    "copying %d of %d events from %s into Axon Server at %s (context %s)%n",
                    total - present, total, url, axonServer, context);
            AxonServerEvents mapping = new AxonServerEvents(new ObjectMapper());
            long after = present == 0
                    ? Long.MIN_VALUE
                    : source.at(present - 1).orElseThrow().globalIndex();
            long copied = 0;
            List<StoredEvent> batch;
            while (!(batch = source.after(after, batchSize)).isEmpty()) {
                AppendEventsTransaction transaction = target.startAppendEventsTransaction();
                for (StoredEvent stored : batch) {
                    transaction.appendEvent(mapping.toAxonServer(stored));
                }
                transaction.commit().get(60, TimeUnit.SECONDS);
                copied += batch.size();
                after = batch.get(batch.size() - 1).globalIndex();
                if (copied % 10_000 < batch.size()) {
                    out.printf("  %d events copied%n", present + copied);
                    out.flush();
                }
            }
            long now = target.getLastToken().get(30, TimeUnit.SECONDS) + 1;
            long snapshots = source.snapshots();
            out.printf(
                    "done: %d events copied in %s; Axon Server holds %d events, the embedded store %d%s%n",
                    copied,
                    Duration.ofNanos(System.nanoTime() - started).withNanos(0),
                    now,
                    source.count(),
                    snapshots > 0 ? "; " + snapshots + " snapshots not copied (Axon rebuilds them)" : "");
            if (now != source.count()) {
                err.println("Axon Server and the embedded store disagree on the number of events: was the embedded "
                        + "ledger still running? Stop it and run the migration again to copy the rest.");
                return 1;
            }
            return 0;
        } finally {
            factory.shutdown();
        }
    }

    /**
     * Empty, or the store's own first events: the last one Axon Server holds must be this store's event at that
     * place, under the same identifier.
     */
    private static Optional<String> checkPrefix(EmbeddedEvents source, EventChannel target, long present, long total)
            throws Exception {
        if (present == 0) {
            return Optional.empty();
        }
        if (present > total) {
            return Optional.of("Axon Server already holds " + present + " events, more than the " + total
                    + " of the embedded store: it is not a copy of this store; nothing copied");
        }
        String expected = source.at(present - 1).orElseThrow().eventIdentifier();
        Event last;
        // A stream opened at token t starts with the event after t.
        try (EventStream stream = target.openStream(present - 2, 1)) {
            last = stream.next().getEvent();
        }
        if (!last.getMessageIdentifier().equals(expected)) {
            return Optional.of("Axon Server already holds " + present + " events that are not this store's first "
                    + present + " (its last event is " + last.getMessageIdentifier() + ", this store's event at that "
                    + "place is " + expected
                    + "); the migration copies into an empty Axon Server only; nothing copied");
        }
        return Optional.empty();
    }

    private String embeddedStoreUrl() {
        Path store = data.resolve("events").resolve("ledger.mv.db");
        if (!Files.isRegularFile(store)) {
            return null;
        }
        // AUTO_SERVER as the ledger opens it, so the file is never opened twice in conflicting modes.
        return "jdbc:h2:file:" + data.resolve("events").resolve("ledger").toAbsolutePath()
                + ";AUTO_SERVER=TRUE;IFEXISTS=TRUE";
    }

    private static ServerAddress address(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        if (colon < 0) {
            return new ServerAddress(hostAndPort, 8124);
        }
        return new ServerAddress(hostAndPort.substring(0, colon), Integer.parseInt(hostAndPort.substring(colon + 1)));
    }
}
