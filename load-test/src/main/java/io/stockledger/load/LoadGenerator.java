package io.stockledger.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.stockledger.store.StoreLogin;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs concurrent clients against a running ledger for a fixed time, then checks the ledger's invariants over the
 * query side and prints (and writes as JSON) throughput, latency percentiles and rejections per operation.
 */
@Command(
        name = "stockledger-load",
        mixinStandardHelpOptions = true,
        subcommands = {FinanceBenchmark.class, DistributorDay.class},
        description = "Load a running Stockledger with a realistic mix, then check its invariants.")
public final class LoadGenerator implements Callable<Integer> {

    @Option(
            names = "--command-url",
            defaultValue = "http://localhost:8081",
            split = ",",
            description = "Command side; several instances comma-separated, called in turn.")
    List<URI> commandSide;

    @Option(
            names = "--query-url",
            defaultValue = "http://localhost:8082",
            split = ",",
            description = "Query side; several instances comma-separated, called in turn.")
    List<URI> querySide;

    @Option(
            names = "--credentials",
            defaultValue = "${env:STOCKLEDGER_CLIENT}",
            description = "An API client as id:secret, sent with HTTP Basic; it needs the roles writer, channel and"
                    + " finance (the generated admin client has every role). Default: $STOCKLEDGER_CLIENT.")
    String credentials;

    @Option(names = "--clients", defaultValue = "32", description = "Concurrent clients.")
    int clients;

    @Option(names = "--duration", defaultValue = "PT60S", description = "How long the clients play (ISO-8601).")
    Duration duration;

    @Option(names = "--hot-skus", defaultValue = "3", description = "SKUs everyone fights over.")
    int hotSkus;

    @Option(names = "--cold-skus", defaultValue = "200", description = "SKUs with plenty of stock.")
    int coldSkus;

    @Option(names = "--locations", defaultValue = "5", description = "Locations per SKU.")
    int locations;

    @Option(names = "--hot-stock", defaultValue = "100", description = "Initial units per hot position.")
    int hotStock;

    @Option(names = "--cold-stock", defaultValue = "100000", description = "Initial units per cold position.")
    int coldStock;

    @Option(
            names = "--availability-readers",
            defaultValue = "2",
            description = "Clients reading a channel's availability of --bulk-skus SKUs per call, beside one"
                    + " freshness probe (0: neither).")
    int availabilityReaders;

    @Option(names = "--bulk-skus", defaultValue = "100", description = "SKUs per bulk availability read.")
    int bulkSkus;

    @Option(names = "--out", description = "Where to write the JSON report (default load-results/load-<time>.json).")
    Path out;

    public static void main(String[] args) {
        // the baseline's stores are opened with AUTO_SERVER, like the ledger's: their servers stay on loopback
        StoreLogin.serveOnLoopback();
        System.exit(new CommandLine(new LoadGenerator()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        ObjectMapper json = JsonMapper.builder()
                .findAndAddModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .build();
        String runId = "L" + Long.toString(System.currentTimeMillis(), 36).toUpperCase(Locale.ROOT);
        String correlationId = "load-" + runId;
        LedgerClient ledger = new LedgerClient(commandSide, querySide, credentials, correlationId, json, clients);
        Stats stats = new Stats();
        Book book = new Book();
        Workload.Assortment assortment = new Workload.Assortment(
                skus(runId + "-HOT-", hotSkus),
                skus(runId + "-C-", coldSkus),
                IntStream.rangeClosed(1, locations).mapToObj(i -> "DC" + i).toList(),
                0.6);
        AtomicLong ids = new AtomicLong();
        Workload seeding = new Workload(ledger, new Stats(), book, assortment, runId, ids);

        System.out.printf("run %s: seeding %d positions%n", runId, (hotSkus + coldSkus) * locations);
        for (String location : assortment.locations()) {
            assortment.hotSkus().forEach(sku -> seeding.seed(sku + "@" + location, hotStock));
            assortment.coldSkus().forEach(sku -> seeding.seed(sku + "@" + location, coldStock));
        }

        AvailabilityWorkload availability = null;
        if (availabilityReaders > 0) {
            List<String> everySku = new ArrayList<>(assortment.hotSkus());
            everySku.addAll(assortment.coldSkus());
            availability = new AvailabilityWorkload(
                    new LedgerClient(
                            commandSide, querySide, credentials, "probe-" + runId, json, availabilityReaders + 1),
                    stats,
                    "load-" + runId,
                    everySku.subList(0, Math.min(bulkSkus, everySku.size())),
                    "FRESH-" + runId,
                    assortment.locations().get(0),
                    runId);
            availability.define(assortment.locations());
            System.out.printf(
                    "run %s: %d availability readers (%d SKUs per call) and a freshness probe on channel load-%s%n",
                    runId, availabilityReaders, Math.min(bulkSkus, everySku.size()), runId);
        }

        System.out.printf("run %s: %d clients for %s against %s%n", runId, clients, duration, commandSide);
        ExecutorService pool = Executors.newFixedThreadPool(clients + Math.max(0, availabilityReaders) + 1);
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        List<Future<?>> running = new ArrayList<>();
        if (availability != null) {
            AvailabilityWorkload reader = availability;
            for (int i = 0; i < availabilityReaders; i++) {
                running.add(pool.submit(() -> reader.read(deadline)));
            }
            running.add(pool.submit(() -> {
                reader.probe(deadline);
                return null;
            }));
        }
        for (int i = 0; i < clients; i++) {
            Workload client = new Workload(ledger, stats, book, assortment, runId, ids);
            running.add(pool.submit(() -> client.play(deadline)));
        }
        for (Future<?> client : running) {
            client.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();

        System.out.printf("run %s: waiting for expiries and the query side%n", runId);
        Thread.sleep(Duration.ofSeconds(Workload.SHORT_TTL_SECONDS + 1).toMillis());
        List<InvariantCheck.Result> invariants =
                new InvariantCheck(ledger, book, "load-" + runId, correlationId).run(60_000);

        Report report = new Report(runId, clients, seconds, stats, invariants);
        report.print(System.out);
        Path file = out != null ? out : Path.of("load-results", "load-" + runId + ".json");
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        json.writeValue(file.toFile(), report.asMap());
        System.out.println("report written to " + file.toAbsolutePath());
        return report.passed() ? 0 : 1;
    }

    private static List<String> skus(String prefix, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> prefix + i).toList();
    }

    /** The printed table and the JSON document of one run. */
    record Report(String runId, int clients, double seconds, Stats stats, List<InvariantCheck.Result> invariants) {

        boolean passed() {
            return stats.errors() == 0 && invariants.stream().allMatch(InvariantCheck.Result::holds);
        }

        void print(java.io.PrintStream out) {
            out.printf(
                    "%n%-18s %8s %8s %8s %7s %9s %8s %8s %8s %8s%n",
                    "operation",
                    "count",
                    "ok",
                    "rejected",
                    "errors",
                    "per sec",
                    "p50 ms",
                    "p95 ms",
                    "p99 ms",
                    "max ms");
            stats.all()
                    .forEach((name, op) -> out.printf(
                            "%-18s %8d %8d %8d %7d %9.1f %8.2f %8.2f %8.2f %8.2f%n",
                            name,
                            op.count(),
                            op.ok.sum(),
                            op.rejected.sum(),
                            op.errors.sum(),
                            op.count() / seconds,
                            op.millis(50),
                            op.millis(95),
                            op.millis(99),
                            op.latency.getMaxValue() / 1e6));
            long total = stats.all().values().stream()
                    .mapToLong(Stats.Operation::count)
                    .sum();
            out.printf("%-18s %8d %48.1f%n", "all", total, total / seconds);
            out.printf("%nrejections and errors by reason:%n");
            stats.all()
                    .forEach((name, op) -> op.reasons.forEach(
                            (reason, count) -> out.printf("  %-18s %-36s %8d%n", name, reason, count.sum())));
            out.printf("%ninvariants:%n");
            invariants.forEach(result ->
                    out.printf("  [%s] %s: %s%n", result.holds() ? "PASS" : "FAIL", result.name(), result.detail()));
            out.printf("%n%s%n", passed() ? "PASSED" : "FAILED");
        }

        Map<String, Object> asMap() {
            Map<String, Object> operations = new LinkedHashMap<>();
            stats.all().forEach((name, op) -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("count", op.count());
                row.put("ok", op.ok.sum());
                row.put("rejected", op.rejected.sum());
                row.put("errors", op.errors.sum());
                row.put("perSecond", op.count() / seconds);
                row.put("p50Ms", op.millis(50));
                row.put("p95Ms", op.millis(95));
                row.put("p99Ms", op.millis(99));
                row.put("maxMs", op.latency.getMaxValue() / 1e6);
                Map<String, Long> reasons = new LinkedHashMap<>();
                op.reasons.forEach((reason, count) -> reasons.put(reason, count.sum()));
                row.put("reasons", reasons);
                operations.put(name, row);
            });
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("runId", runId);
            document.put("finishedAt", Instant.now().toString());
            document.put("clients", clients);
            document.put("seconds", seconds);
            document.put(
                    "machine",
                    Map.of(
                            "cores", Runtime.getRuntime().availableProcessors(),
                            "os", System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                            "java", System.getProperty("java.version")));
            document.put("operations", operations);
            document.put("invariants", invariants);
            document.put("passed", passed());
            return document;
        }
    }
}
