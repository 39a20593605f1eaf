package io.stockledger.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.stockledger.store.StoreLogin;
import io.stockledger.store.StorePassword;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A distributor's day against a running ledger: the plain-JDBC baselines of the store first, then order lines in
 * four channels over five locations (single- and multi-line reservations, then fulfilled, released or left to
 * expire; a few fulfilments come up short first) with the replenishing receipts, customer returns, transfers and
 * cycle counts of a warehouse, played as fast as the ledger takes them or at a fixed rate, one request per operation
 * or ({@code --mode=bulk}) in bulk requests as an OMS or WMS feed sends them, followed in bulk mode by a sample played
 * one request per operation; then freshness at half the sustained rate, a projection rebuild through the API, the
 * memory of both sides, the event store's size, and the invariant check. Writes the JSON results and the Markdown
 * report.
 */
@Command(
        name = "distributor-day",
        mixinStandardHelpOptions = true,
        description = "Play a distributor's day against a running ledger, measured against a plain-JDBC baseline.")
final class DistributorDay implements Callable<Integer> {

    @Option(names = "--command-url", defaultValue = "http://localhost:8081", split = ",")
    List<URI> commandSide;

    @Option(names = "--query-url", defaultValue = "http://localhost:8082", split = ",")
    List<URI> querySide;

    @Option(
            names = "--credentials",
            defaultValue = "${env:STOCKLEDGER_CLIENT}",
            description = "An API client as id:secret with the roles writer, channel and admin.")
    String credentials;

    @Option(names = "--clients", defaultValue = "16", description = "Concurrent clients (and baseline connections).")
    int clients;

    @Option(names = "--order-lines", defaultValue = "250000", description = "Order lines of the day.")
    long orderLines;

    @Option(names = "--rate", defaultValue = "0", description = "Order lines per second; 0: as fast as it goes.")
    double rate;

    @Option(
            names = "--mode",
            defaultValue = "single",
            description = "How the clients send the day: single (one request per operation) or bulk (each client's"
                    + " next operations in bulk requests, as an OMS/WMS feed). Default: ${DEFAULT-VALUE}.")
    Mode mode;

    @Option(
            names = "--bulk-size",
            defaultValue = "100",
            description = "In bulk mode, operations per bulk request at most (1 to 1,000). Default: ${DEFAULT-VALUE}.")
    int bulkSize;

    @Option(
            names = "--single-sample-lines",
            defaultValue = "20000",
            description = "In bulk mode, order lines played after the day one request per operation, for the report's"
                    + " single-request figures; 0: none. Default: ${DEFAULT-VALUE}.")
    long singleSampleLines;

    @Option(
            names = "--count-every",
            defaultValue = "150",
            description = "A cycle count of one position every this many order lines.")
    int countEvery;

    @Option(
            names = "--short-pick-percent",
            defaultValue = "2",
            description = "The share of fulfilments, in percent, whose pick first comes up short.")
    int shortPickPercent;

    @Option(
            names = "--transfer-every",
            defaultValue = "100",
            description = "A transfer between two locations every this many order lines.")
    int transferEvery;

    @Option(names = "--skus", defaultValue = "400", description = "SKUs, stocked at every location.")
    int skus;

    @Option(names = "--locations", defaultValue = "5")
    int locations;

    @Option(names = "--channels", defaultValue = "4")
    int channels;

    @Option(names = "--initial-stock", defaultValue = "200", description = "Units received per position at dawn.")
    int initialStock;

    @Option(names = "--baseline-seconds", defaultValue = "20", description = "Seconds of each baseline.")
    int baselineSeconds;

    @Option(
            names = "--baseline-settings",
            defaultValue = JdbcBaseline.LEDGER_SETTINGS,
            description = "The H2 settings of the command side's event store (its JDBC URL after the file name), for"
                    + " the baseline on the ledger's own store. Default: ${DEFAULT-VALUE}.")
    String baselineSettings;

    @Option(
            names = "--data-dir",
            description = "The ledger's data directory, for its size (the event file's comes from --events-url).")
    Path dataDir;

    @Option(
            names = "--baseline-dir",
            description = "Where the baseline's H2 file goes (default: a temp dir, deleted afterwards).")
    Path baselineDir;

    @Option(names = "--freshness-seconds", defaultValue = "30")
    int freshnessSeconds;

    @Option(names = "--rebuild-projection", defaultValue = "positions")
    String rebuildProjection;

    @Option(
            names = "--events-url",
            description = "JDBC URL of the command side's H2 event store (with AUTO_SERVER=TRUE), to seed the position"
                    + " with a long history by cloning one receipt's event row; without it the balance as of an instant"
                    + " is not measured. Its password: STOCKLEDGER_STORE_PASSWORD, else the store.password file of the"
                    + " data directory the store lies in.")
    String eventsUrl;

    @Option(names = "--deep-position-events", defaultValue = "100000", description = "Events of that position.")
    long deepPositionEvents;

    @Option(
            names = "--as-of-requests",
            defaultValue = "2000",
            description = "Balance-as-of requests on that position, at random instants of its history.")
    int asOfRequests;

    @Option(names = "--as-of-clients", defaultValue = "4")
    int asOfClients;

    @Option(names = "--command-pid", description = "The command side's process id, for its memory.")
    Long commandPid;

    @Option(names = "--query-pid", description = "The query side's process id, for its memory.")
    Long queryPid;

    @Option(names = "--out", description = "JSON results (default load-results/perf-<time>.json).")
    Path out;

    @Option(names = "--report", description = "Markdown report to (re)write, e.g. docs/performance.md.")
    Path report;

    private final ObjectMapper json = JsonMapper.builder()
            .findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    /** The projection that answers a balance as of an instant (from the audit trail). */
    static final String AS_OF_PROJECTION = "audit";

    private final AtomicLong movementIds = new AtomicLong();
    /** Numbers reservations, shipments, returns and transfers across every phase of the run: ids never repeat. */
    private final AtomicLong orderIds = new AtomicLong();

    private String runId;
    private List<String> channelNames;
    private List<String> locationNames;
    private List<String> skuNames;

    @Override
    public Integer call() throws Exception {
        long runStart = System.nanoTime();
        runId = "D" + Long.toString(System.currentTimeMillis(), 36).toUpperCase(Locale.ROOT);
        String correlationId = "day-" + runId;
        LedgerClient ledger = new LedgerClient(commandSide, querySide, credentials, correlationId, json, clients);
        if (mode == Mode.bulk && !bulkEndpoints(ledger)) {
            System.out.println("the command side has no bulk endpoints (POST " + Bulk.MOVEMENTS
                    + " answered 404 or 405); run with --mode=single");
            return 2;
        }
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("runId", runId);
        results.put("startedAt", Instant.now().toString());
        results.put("machine", machine());
        results.put("mode", mode);
        if (mode == Mode.bulk) {
            results.put("bulkSize", bulkSize);
        }

        JdbcBaseline.Result baseline = baseline(JdbcBaseline.Store.ledger(baselineSettings));
        results.put("baseline", baseline);
        results.put("baselineBlobLayout", baseline(JdbcBaseline.Store.blobLayout()));

        name(runId);
        Book book = new Book();
        Stats dawn = new Stats();
        System.out.printf("run %s: defining %d channels, receiving %d positions%n", runId, channels, skus * locations);
        for (String channel : channelNames) {
            AvailabilityWorkload definer = new AvailabilityWorkload(
                    ledger, dawn, channel, List.of(), "FRESH-" + runId, locationNames.get(0), runId);
            definer.define(locationNames);
        }
        long seedStart = System.nanoTime();
        runAll(skus * locations, index -> {
            String position = skuNames.get(index / locations) + "@" + locationNames.get(index % locations);
            receive(ledger, dawn, book, "dawn-receipt", position, initialStock);
        });
        results.put("dawnSeconds", (System.nanoTime() - seedStart) / 1e9);

        Stats day = new Stats();
        Measured measuredDay = measured(mode, ledger, day, book, orderLines, baseline);
        Map<String, Object> dayResults = measuredDay.results();
        results.put("day", dayResults);
        // as before the modes: the figures of the day at the top level
        results.put("reservationsPerSecond", dayResults.get("reservationsPerSecond"));
        results.put("singleLineReservationsPerSecond", dayResults.get("singleLineReservationsPerSecond"));
        results.put("caughtUpSeconds", dayResults.get("caughtUpSeconds"));
        if (dayResults.containsKey("cpu")) {
            results.put("cpu", dayResults.get("cpu"));
        }
        Phase played = measuredDay.phase();

        Map<String, Object> afterDay = store();
        Stats sample = new Stats();
        if (mode == Mode.bulk && singleSampleLines > 0) {
            results.put(
                    "singleSample",
                    measured(Mode.single, ledger, sample, book, singleSampleLines, baseline)
                            .results());
        }

        double halfRate = Math.max(1, played.lines() / played.seconds() / 2);
        System.out.printf("run %s: freshness at %.1f lines/s for %d s%n", runId, halfRate, freshnessSeconds);
        Stats freshness = new Stats();
        Stats background = new Stats();
        ExecutorService prober = Executors.newSingleThreadExecutor();
        long probeDeadline =
                System.nanoTime() + Duration.ofSeconds(freshnessSeconds).toNanos();
        LedgerClient probeClient = new LedgerClient(commandSide, querySide, credentials, "probe-" + runId, json, 2);
        Future<?> probe = prober.submit(() -> {
            probe(probeClient, freshness, probeDeadline);
            return null;
        });
        Phase halfPhase = play(
                mode,
                ledger,
                background,
                new Stats(),
                book,
                Long.MAX_VALUE,
                halfRate,
                Duration.ofSeconds(freshnessSeconds));
        probe.get();
        prober.shutdown();
        results.put(
                "freshness",
                Map.of(
                        "rate",
                        halfRate,
                        "background",
                        phase(halfPhase, background, baseline),
                        "probe",
                        operations(freshness, 1)));

        System.out.printf("run %s: rebuilding projection %s%n", runId, rebuildProjection);
        results.put("rebuild", rebuild(ledger));
        results.put("memory", Map.of("commandSide", memory(commandPid), "querySide", memory(queryPid)));
        System.out.printf("run %s: waiting for expiries%n", runId);
        Thread.sleep(Duration.ofSeconds(Workload.SHORT_TTL_SECONDS + 2).toMillis());
        // Last of the measurements, once the ledger appends nothing more: the finance projection takes long over the
        // seeded history (it values every receipt at moving average cost), which would otherwise run under the day,
        // freshness and the rebuild.
        Map<String, Object> balanceAsOf = eventsUrl == null ? null : balanceAsOf();
        if (balanceAsOf != null) {
            results.put("balanceAsOf", balanceAsOf);
        }

        System.out.printf("run %s: the invariant check%n", runId);
        List<InvariantCheck.Result> invariants =
                new InvariantCheck(ledger, book, channelNames, correlationId).run(120_000);
        invariants.forEach(result ->
                System.out.printf("  [%s] %s: %s%n", result.holds() ? "PASS" : "FAIL", result.name(), result.detail()));
        results.put("invariants", invariants);
        Map<String, Object> store = new LinkedHashMap<>();
        store.put("afterDay", afterDay);
        store.put("atEnd", store());
        results.put("store", store);
        results.put("memoryAtEnd", Map.of("commandSide", memory(commandPid), "querySide", memory(queryPid)));
        // an error in the freshness phase's load (a conflict, a 5xx) fails the run as one in the day does
        boolean passed = day.errors() == 0
                && sample.errors() == 0
                && background.errors() == 0
                && invariants.stream().allMatch(InvariantCheck.Result::holds)
                && (balanceAsOf == null || Boolean.TRUE.equals(balanceAsOf.get("passed")));
        results.put("passed", passed);
        results.put("totalSeconds", (System.nanoTime() - runStart) / 1e9);
        results.put("finishedAt", Instant.now().toString());

        Path file = out != null ? out : Path.of("load-results", "perf-" + runId + ".json");
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        json.writeValue(file.toFile(), results);
        System.out.println("results written to " + file.toAbsolutePath());
        if (report != null) {
            JsonNode tree = json.valueToTree(results);
            String previous = Files.exists(report) ? Files.readString(report, StandardCharsets.UTF_8) : null;
            Files.writeString(
                    report,
                    PerformanceReport.replacing(previous, PerformanceReport.markdown(tree, file)),
                    StandardCharsets.UTF_8);
            System.out.println("report written to " + report.toAbsolutePath());
        }
        System.out.println(passed ? "PASSED" : "FAILED");
        return passed ? 0 : 1;
    }

    String runId() {
        return runId;
    }

    /** The run's id, and the names of its channels, locations and SKUs, which carry it. */
    void name(String run) {
        runId = run;
        channelNames = IntStream.rangeClosed(1, channels)
                .mapToObj(i -> "ch" + i + "-" + runId)
                .toList();
        locationNames =
                IntStream.rangeClosed(1, locations).mapToObj(i -> "DC" + i).toList();
        skuNames =
                IntStream.rangeClosed(1, skus).mapToObj(i -> runId + "-S" + i).toList();
    }

    /** Every position of the run ({@code SKU@LOCATION}). */
    List<String> positions() {
        return skuNames.stream()
                .flatMap(sku -> locationNames.stream().map(location -> sku + "@" + location))
                .toList();
    }

    /** The plain-JDBC baseline on {@code store}: in the baseline directory, or a temp one; its file deleted after. */
    private JdbcBaseline.Result baseline(JdbcBaseline.Store store) throws Exception {
        System.out.printf(
                "run %s: plain-JDBC baseline (%s), %d connections for %d s%n",
                runId, store.name(), clients, baselineSeconds);
        // a store of its own, gone afterwards: it grows by gigabytes in the baseline's seconds
        Path directory = baselineDir != null
                ? baselineDir.resolve(store.name())
                : Files.createTempDirectory("stockledger-baseline");
        JdbcBaseline.Result baseline;
        try {
            baseline = JdbcBaseline.run(directory, store, clients, Duration.ofSeconds(baselineSeconds));
        } finally {
            deleteTree(directory);
        }
        System.out.printf(
                "baseline (%s): %.1f tx/s (%d committed), %.1f KB per event%n",
                store.name(), baseline.perSecond(), baseline.committed(), baseline.bytesPerEvent() / 1024);
        return baseline;
    }

    /**
     * Whether the command side has the bulk endpoints: an empty bulk request is answered neither 404 nor 405 (a
     * command side without them takes {@code /api/v1/movements/bulk} for a movement id, which it only reads).
     */
    private static boolean bulkEndpoints(LedgerClient ledger) {
        int status = ledger.post(Bulk.MOVEMENTS, Map.of("items", List.of())).status();
        return status != 404 && status != 405;
    }

    /**
     * One measured phase of order lines in {@code how}: its operations, the confirmed reservation lines per second,
     * and the CPU per order line of both sides (the query side's until its projections caught up).
     */
    /** A measured phase: what it played and its results. */
    private record Measured(Phase phase, Map<String, Object> results) {}

    private Measured measured(
            Mode how, LedgerClient ledger, Stats stats, Book book, long lines, JdbcBaseline.Result baseline)
            throws Exception {
        System.out.printf(
                "run %s: %d order lines, %d clients, %s, %s%n",
                runId,
                lines,
                clients,
                how == Mode.bulk ? "bulk requests of up to " + bulkSize + " operations" : "one request per operation",
                rate > 0 ? rate + " lines/s" : "as fast as the ledger takes them");
        Stats requests = new Stats();
        double commandCpuBefore = cpuSeconds(commandPid);
        double queryCpuBefore = cpuSeconds(queryPid);
        Phase played = play(how, ledger, stats, requests, book, lines, rate, Duration.ZERO);
        double commandCpu = cpuSeconds(commandPid) - commandCpuBefore;
        double reservationsPerSecond = (stats.of("reserve-single").ok.sum()
                        + stats.of("reserve-multi").ok.sum()
                        + stats.of("reserve-to-expire").ok.sum())
                / played.seconds();
        double confirmedLinesPerSecond = stats.confirmedLines.sum() / played.seconds();
        System.out.printf(
                "%s: %d lines in %.1f s, %.1f reservation lines/s confirmed (%.2fx baseline)%n",
                how,
                played.lines(),
                played.seconds(),
                confirmedLinesPerSecond,
                confirmedLinesPerSecond / baseline.perSecond());
        Map<String, Object> result = phase(played, stats, baseline);
        result.put("mode", how);
        if (how == Mode.bulk) {
            result.put("bulkSize", bulkSize);
            result.put("requests", operations(requests, played.seconds()));
        }
        result.put("confirmedLines", stats.confirmedLines.sum());
        result.put("confirmedLinesPerSecond", confirmedLinesPerSecond);
        result.put("reservationsPerSecond", reservationsPerSecond);
        result.put("singleLineReservationsPerSecond", stats.of("reserve-single").count() / played.seconds());

        double caughtUp = awaitProjectionsCaughtUp(ledger);
        System.out.printf("run %s: the projections caught up %.1f s after the %s phase ended%n", runId, caughtUp, how);
        result.put("caughtUpSeconds", caughtUp);
        double queryCpu = cpuSeconds(queryPid) - queryCpuBefore;
        if (commandPid != null && queryPid != null) {
            // CPU time is what a busy, shared machine distorts least: before/after comparisons of a change use it
            Map<String, Object> cpu = new LinkedHashMap<>();
            cpu.put("commandSideMsPerLine", commandCpu * 1000 / played.lines());
            cpu.put("querySideMsPerLine", queryCpu * 1000 / played.lines());
            result.put("cpu", cpu);
            System.out.printf(
                    "run %s: CPU per order line: command side %.2f ms, query side %.2f ms (until caught up)%n",
                    runId, commandCpu * 1000 / played.lines(), queryCpu * 1000 / played.lines());
        }
        return new Measured(played, result);
    }

    /**
     * The event store's footprint: the command side's H2 file (from {@code --events-url}) over the events in its log,
     * and the data directory's whole size ({@code --data-dir}); what is not given is left out.
     */
    private Map<String, Object> store() {
        Map<String, Object> store = new LinkedHashMap<>();
        Path file = eventsFile(eventsUrl);
        if (file != null && Files.exists(file)) {
            try {
                long bytes = Files.size(file);
                store.put("eventsFile", file.getFileName().toString());
                store.put("eventsFileBytes", bytes);
                long events = events();
                store.put("events", events);
                store.put("bytesPerEvent", events > 0 ? bytes / (double) events : null);
            } catch (IOException | java.sql.SQLException e) {
                store.put("error", e.toString());
            }
        }
        if (dataDir != null) {
            store.put("dataDirBytes", treeSize(dataDir));
        }
        return store;
    }

    /** The H2 file of a {@code jdbc:h2:file:} URL, or null. */
    static Path eventsFile(String url) {
        if (url == null || !url.startsWith("jdbc:h2:file:")) {
            return null;
        }
        String name = url.substring("jdbc:h2:file:".length());
        int settings = name.indexOf(';');
        return Path.of((settings < 0 ? name : name.substring(0, settings)) + ".mv.db");
    }

    private long events() throws java.sql.SQLException {
        try (java.sql.Connection connection =
                        StoreLogin.connect(eventsUrl, StorePassword.USER, StorePassword.findFor(eventsUrl));
                java.sql.ResultSet count =
                        connection.createStatement().executeQuery("SELECT COUNT(*) FROM DomainEventEntry")) {
            count.next();
            return count.getLong(1);
        }
    }

    static long treeSize(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile)
                    .mapToLong(path -> {
                        try {
                            return Files.size(path);
                        } catch (IOException gone) {
                            return 0;
                        }
                    })
                    .sum();
        } catch (IOException | java.io.UncheckedIOException e) {
            return -1;
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }

    /** What one playing phase did: order lines issued, seconds. */
    record Phase(long lines, double seconds) {}

    /** How the clients send their operations. */
    enum Mode {
        /** One HTTP request per operation, as an interactive client does. */
        single,
        /** Each client's next operations in bulk requests, as an OMS or WMS feed sends them. */
        bulk
    }

    /**
     * Clients take orders until {@code lines} order lines are issued or {@code duration} (when positive) is over;
     * at a fixed rate, each order waits for its slot. In bulk mode a client sends its next operations in bulk
     * requests ({@link BulkPlay}).
     */
    private Phase play(
            Mode how,
            LedgerClient ledger,
            Stats stats,
            Stats requests,
            Book book,
            long lines,
            double perSecond,
            Duration duration)
            throws Exception {
        AtomicLong issued = new AtomicLong();
        AtomicLong ids = orderIds;
        long start = System.nanoTime();
        long deadline = duration.isZero() ? Long.MAX_VALUE : start + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            running.add(pool.submit(() -> {
                if (how == Mode.bulk) {
                    new BulkPlay(this, ledger, stats, requests, book, bulkSize, ids)
                            .client(issued, lines, perSecond, start, deadline);
                    return null;
                }
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (System.nanoTime() < deadline) {
                    int count = orderLineCount(random);
                    long before = issued.getAndAdd(count);
                    if (before >= lines) {
                        return null;
                    }
                    if (perSecond > 0) {
                        long slot = start + (long) (before / perSecond * 1e9);
                        long wait = slot - System.nanoTime();
                        if (wait > 0) {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        }
                    }
                    order(ledger, stats, book, count, ids);
                    if (replenishes(before, count)) {
                        receive(ledger, stats, book, "replenishment", position(random), replenishment(random));
                    }
                    if (returns(before, count)) {
                        customerReturn(ledger, stats, book, position(random), ids);
                    }
                    if (transfers(before, count)) {
                        transfer(ledger, stats, book, random, ids);
                    }
                    if (counts(before, count)) {
                        count(ledger, stats, book, position(random), ids);
                    }
                }
                return null;
            }));
        }
        for (Future<?> client : running) {
            client.get();
        }
        pool.shutdown();
        return new Phase(Math.min(issued.get(), lines), (System.nanoTime() - start) / 1e9);
    }

    /** Lines of the next order: 80% single-line, the rest two to four. */
    static int orderLineCount(ThreadLocalRandom random) {
        return random.nextInt(100) < 80 ? 1 : 2 + random.nextInt(3);
    }

    /** A replenishing receipt every 25 order lines. */
    static boolean replenishes(long before, int count) {
        return before / 25 != (before + count) / 25;
    }

    static int replenishment(ThreadLocalRandom random) {
        return 40 + random.nextInt(40);
    }

    /** A customer return every 200 order lines. */
    static boolean returns(long before, int count) {
        return before / 200 != (before + count) / 200;
    }

    boolean transfers(long before, int count) {
        return locations > 1 && before / transferEvery != (before + count) / transferEvery;
    }

    boolean counts(long before, int count) {
        return before / countEvery != (before + count) / countEvery;
    }

    String position(ThreadLocalRandom random) {
        // a few SKUs sell much more than the rest
        int sku = random.nextInt(100) < 30 ? random.nextInt(Math.max(1, skus / 20)) : random.nextInt(skus);
        return skuNames.get(sku) + "@" + locationNames.get(random.nextInt(locations));
    }

    /** The lines of a new order: {@code lineCount} distinct positions, one to three units each. */
    Map<String, Long> orderLines(ThreadLocalRandom random, int lineCount) {
        Map<String, Long> lines = new LinkedHashMap<>();
        while (lines.size() < lineCount) {
            lines.putIfAbsent(position(random), 1L + random.nextInt(3));
        }
        return lines;
    }

    /**
     * What becomes of an order, drawn once (0-99): below 70 it is fulfilled (on a few of them the pick first comes up
     * short), below 85 released, else left to expire.
     */
    record Fate(int draw) {
        boolean toExpire() {
            return draw >= 85;
        }

        boolean shipping() {
            return draw < 70;
        }

        String operation(int lines) {
            return toExpire() ? "reserve-to-expire" : lines == 1 ? "reserve-single" : "reserve-multi";
        }
    }

    /**
     * One order: a reservation of its lines, then fulfilled (70%; on a few of them the pick first comes up short),
     * released (15%) or left to expire (15%). Its positions are not counted meanwhile.
     */
    private void order(LedgerClient ledger, Stats stats, Book book, int lineCount, AtomicLong ids) {
        Map<String, Long> lines = orderLines(ThreadLocalRandom.current(), lineCount);
        book.moving(lines.keySet(), () -> {
            order(ledger, stats, book, lines, ids);
            return null;
        });
    }

    private void order(LedgerClient ledger, Stats stats, Book book, Map<String, Long> lines, AtomicLong ids) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Fate fate = new Fate(random.nextInt(100));
        String reservationId = runId + "-res-" + ids.incrementAndGet();
        Map<String, Object> body = placeBody(reservationId, fate, lines, random);
        LedgerClient.Answer answer = ledger.post(RESERVATIONS, body);
        Book.Reservation reservation = placed(stats, book, reservationId, fate, lines, answer);
        if (reservation == null || fate.toExpire()) {
            return;
        }
        if (fate.shipping() && shortPicks(random)) {
            ShortPick pick = shortPick(reservation, ids);
            if (pick != null) {
                if (!shortPicked(stats, book, pick, ledger.post(SHORT_PICKS, pick.body()))) {
                    return;
                }
                if (!releasedShort(stats, book, pick, ledger.post(pick.releasePath(), pick.releaseBody()))) {
                    return;
                }
            }
        }
        settled(
                stats,
                book,
                reservation,
                fate.shipping(),
                ledger.post(settlePath(reservation, fate.shipping()), settleBody(fate.shipping(), ids)));
    }

    static final String RESERVATIONS = "/api/v1/reservations";
    static final String RECEIPTS = "/api/v1/movements/receipts";
    static final String RETURNS = "/api/v1/movements/returns";
    static final String TRANSFERS_OUT = "/api/v1/movements/transfers-out";
    static final String TRANSFERS_IN = "/api/v1/movements/transfers-in";
    static final String SHORT_PICKS = "/api/v1/movements/short-picks";
    static final String COUNTS = "/api/v1/movements/counts";

    Map<String, Object> placeBody(String reservationId, Fate fate, Map<String, Long> lines, ThreadLocalRandom random) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reservationId", reservationId);
        body.put("channel", channelNames.get(random.nextInt(channelNames.size())));
        body.put("orderReference", "SO-" + reservationId);
        body.put("sourceSystem", Workload.SOURCE);
        body.put("ttlSeconds", fate.toExpire() ? Workload.SHORT_TTL_SECONDS : Workload.LONG_TTL_SECONDS);
        body.put("lines", lines.entrySet().stream().map(DistributorDay::line).toList());
        return body;
    }

    /**
     * A reservation's answer: its outcome counted (a rejection is one the ledger's rules made, not an error) and, when
     * confirmed, booked; the reservation as booked, or null.
     */
    Book.Reservation placed(
            Stats stats,
            Book book,
            String reservationId,
            Fate fate,
            Map<String, Long> lines,
            LedgerClient.Answer answer) {
        String operation = fate.operation(lines.size());
        if (!answer.ok() || !"CONFIRMED".equals(answer.body().path("status").asText())) {
            if (answer.status() == 409 && "reservation-rejected".equals(answer.problem())) {
                stats.rejected(operation, answer.nanos(), "reservation-rejected");
            } else if (answer.ok()) {
                stats.error(
                        operation,
                        answer.nanos(),
                        "answered " + answer.body().path("status").asText());
            } else {
                stats.error(operation, answer.nanos(), answer.problem());
            }
            return null;
        }
        stats.ok(operation, answer.nanos());
        stats.confirmedLines.add(lines.size());
        Book.Reservation reservation = new Book.Reservation(reservationId, fate.toExpire());
        book.confirm(reservation, lines);
        return reservation;
    }

    boolean shortPicks(ThreadLocalRandom random) {
        return random.nextInt(100) < shortPickPercent;
    }

    static String settlePath(Book.Reservation reservation, boolean shipping) {
        return RESERVATIONS + "/" + reservation.id + (shipping ? "/fulfilments" : "/releases");
    }

    Map<String, Object> settleBody(boolean shipping, AtomicLong ids) {
        Map<String, Object> settle = new LinkedHashMap<>();
        if (shipping) {
            settle.put("movementId", runId + "-ship-" + ids.incrementAndGet());
            settle.put("sourceSystem", Workload.SOURCE);
        }
        return settle;
    }

    /** A fulfilment's or release's answer: counted and, when it succeeded, booked with the holdings it reports. */
    boolean settled(
            Stats stats, Book book, Book.Reservation reservation, boolean shipping, LedgerClient.Answer settled) {
        String settling = shipping ? "fulfil" : "release";
        if (settled.ok()) {
            stats.ok(settling, settled.nanos());
            book.settle(reservation, Workload.heldPerPosition(settled.body()), shipping);
            return true;
        }
        stats.error(settling, settled.nanos(), settled.problem());
        return false;
    }

    private void receive(LedgerClient ledger, Stats stats, Book book, String operation, String position, long units) {
        book.moving(List.of(position), () -> {
            received(stats, book, operation, position, units, ledger.post(RECEIPTS, receiptBody(position, units)));
            return null;
        });
    }

    Map<String, Object> receiptBody(String position, long units) {
        Map<String, Object> body = movement(runId + "-rcv-" + movementIds.incrementAndGet(), position, units);
        body.put(
                "unitCost", BigDecimal.valueOf(100 + ThreadLocalRandom.current().nextInt(900), 2));
        return body;
    }

    boolean received(
            Stats stats, Book book, String operation, String position, long units, LedgerClient.Answer answer) {
        if (answer.ok()) {
            stats.ok(operation, answer.nanos());
            book.receive(position, units);
            return true;
        }
        stats.error(operation, answer.nanos(), answer.problem());
        return false;
    }

    private void customerReturn(LedgerClient ledger, Stats stats, Book book, String position, AtomicLong ids) {
        book.moving(List.of(position), () -> {
            returned(stats, book, position, ledger.post(RETURNS, returnBody(position, ids)));
            return null;
        });
    }

    Map<String, Object> returnBody(String position, AtomicLong ids) {
        Map<String, Object> body = movement(runId + "-ret-" + ids.incrementAndGet(), position, 1);
        body.put("reasonCode", "CUSTOMER-RETURN");
        return body;
    }

    boolean returned(Stats stats, Book book, String position, LedgerClient.Answer answer) {
        if (answer.ok()) {
            stats.ok("return", answer.nanos());
            book.returned(position, 1);
            return true;
        }
        stats.error("return", answer.nanos(), answer.problem());
        return false;
    }

    /** A transfer of a few units of one SKU from one location to another. */
    record Transfer(String id, String from, String to, long units) {
        String destination() {
            return to.substring(to.indexOf('@') + 1);
        }
    }

    Transfer transfer(ThreadLocalRandom random, AtomicLong ids) {
        String from = position(random);
        String[] parts = from.split("@");
        String destination =
                locationNames.get((locationNames.indexOf(parts[1]) + 1 + random.nextInt(locations - 1)) % locations);
        return new Transfer(
                runId + "-xfer-" + ids.incrementAndGet(), from, parts[0] + "@" + destination, 1 + random.nextInt(5));
    }

    /**
     * A few units of one SKU sent from one location to another: out of available stock (refused when too little is
     * free, which a busy position often is), then received at the destination.
     */
    private void transfer(LedgerClient ledger, Stats stats, Book book, ThreadLocalRandom random, AtomicLong ids) {
        Transfer transfer = transfer(random, ids);
        book.moving(List.of(transfer.from(), transfer.to()), () -> {
            transfer(ledger, stats, book, transfer, ids);
            return null;
        });
    }

    private void transfer(LedgerClient ledger, Stats stats, Book book, Transfer transfer, AtomicLong ids) {
        if (!transferredOut(stats, book, transfer, ledger.post(TRANSFERS_OUT, transferOutBody(transfer)))) {
            return;
        }
        Map<String, Object> in = transferInBody(transfer, ids);
        // The ledger puts the units in transit at the destination after the transfer out's 2xx (PutStockInTransit,
        // sent for StockTransferredOut), so a receipt posted at once can come first: it is refused with
        // transfer-not-in-transit and changes nothing, and the warehouse books it again a moment later.
        long first = System.nanoTime();
        long giveUp = first + TRANSFER_IN_RETRIES.toNanos();
        LedgerClient.Answer arrived = ledger.post(TRANSFERS_IN, in);
        while (notInTransitYet(arrived) && System.nanoTime() < giveUp) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            arrived = ledger.post(TRANSFERS_IN, in);
        }
        transferredIn(stats, book, transfer, arrived, System.nanoTime() - first);
    }

    /** How long a warehouse books a transfer's receipt again while the ledger has not put its units in transit. */
    static final Duration TRANSFER_IN_RETRIES = Duration.ofSeconds(10);

    static boolean notInTransitYet(LedgerClient.Answer arrived) {
        return !arrived.ok() && "transfer-not-in-transit".equals(arrived.problem());
    }

    Map<String, Object> transferOutBody(Transfer transfer) {
        Map<String, Object> out = movement(transfer.id(), transfer.from(), transfer.units());
        out.put("destination", transfer.destination());
        return out;
    }

    Map<String, Object> transferInBody(Transfer transfer, AtomicLong ids) {
        Map<String, Object> in = movement(runId + "-xin-" + ids.incrementAndGet(), transfer.to(), transfer.units());
        in.put("transferId", transfer.id());
        return in;
    }

    boolean transferredOut(Stats stats, Book book, Transfer transfer, LedgerClient.Answer sent) {
        if (!sent.ok()) {
            if (sent.status() == 409 || sent.status() == 422) {
                stats.rejected("transfer-out", sent.nanos(), sent.problem());
            } else {
                stats.error("transfer-out", sent.nanos(), sent.problem());
            }
            return false;
        }
        stats.ok("transfer-out", sent.nanos());
        book.transferOut(transfer.from(), transfer.units());
        return true;
    }

    /** The transfer's receipt, {@code nanos} after it was first posted. */
    boolean transferredIn(Stats stats, Book book, Transfer transfer, LedgerClient.Answer arrived, long nanos) {
        if (arrived.ok()) {
            stats.ok("transfer-in", nanos);
            book.transferIn(transfer.to(), transfer.units());
            return true;
        }
        stats.error("transfer-in", arrived.nanos(), arrived.problem());
        return false;
    }

    /** A short pick of a reservation's line, and the partial release of the units not found. */
    record ShortPick(Book.Reservation reservation, String position, long units, Map<String, Object> body) {
        String releasePath() {
            return RESERVATIONS + "/" + reservation.id + "/releases";
        }

        Map<String, Object> releaseBody() {
            Map<String, Object> release = new LinkedHashMap<>();
            release.put("lines", List.of(line(Map.entry(position, units))));
            release.put("sourceSystem", Workload.SOURCE);
            return release;
        }
    }

    /**
     * The pick of one line of a reservation its client holds comes up short: a short pick of the units not found,
     * then the reservation gives them up (a partial release); the caller fulfils the rest. A reservation of a single
     * unit is not short-picked (nothing would be left to fulfil): null.
     */
    ShortPick shortPick(Book.Reservation reservation, AtomicLong ids) {
        Map.Entry<String, Long> line = reservation.held.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .orElseThrow();
        long units = Math.min(line.getValue(), reservation.holding() - 1);
        if (units <= 0) {
            return null;
        }
        units = 1 + ThreadLocalRandom.current().nextLong(units);
        String position = line.getKey();
        Map<String, Object> body = movement(runId + "-short-" + ids.incrementAndGet(), position, units);
        body.put("reasonCode", "NOT-FOUND");
        body.put("reference", Map.of("type", "ORDER", "number", reservation.id));
        return new ShortPick(reservation, position, units, body);
    }

    boolean shortPicked(Stats stats, Book book, ShortPick pick, LedgerClient.Answer picked) {
        if (!picked.ok()) {
            stats.error("short-pick", picked.nanos(), picked.problem());
            return false;
        }
        stats.ok("short-pick", picked.nanos());
        book.shortPicked(pick.position(), pick.units());
        return true;
    }

    boolean releasedShort(Stats stats, Book book, ShortPick pick, LedgerClient.Answer released) {
        if (!released.ok()) {
            stats.error("release-short", released.nanos(), released.problem());
            return false;
        }
        stats.ok("release-short", released.nanos());
        book.settle(pick.reservation(), Workload.heldPerPosition(released.body()), false);
        return true;
    }

    /** A cycle count: the figure counted (what the Book expects, plus the difference found) and its body. */
    record Count(String position, long difference, Map<String, Object> body) {}

    /**
     * A cycle count of one position, frozen meanwhile: the counted figure is the on hand the Book expects (posted
     * as {@code expectedOnHand}, so a Book that drifted from the ledger shows as an error), and sometimes a unit or
     * two found (15%) or lost (15%). A loss is counted only where it cannot take on hand below what reservations may
     * still hold, so that every reservation of the day can still ship. Call it holding the position's exclusive lock.
     */
    Count count(Book book, String position, AtomicLong ids) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long expected = book.onHand(position);
        int fate = random.nextInt(100);
        long difference = fate < 15 ? 1 + random.nextInt(2) : fate < 30 ? -1 - random.nextInt(2) : 0;
        if (difference < 0 && expected + difference < book.reservedAtMost(position)) {
            difference = 0;
        }
        String countId = runId + "-count-" + ids.incrementAndGet();
        Map<String, Object> body = movement(countId, position, expected + difference);
        body.put("expectedOnHand", expected);
        body.put("reasonCode", "CYCLE-COUNT");
        body.put("reference", Map.of("type", "COUNT-SHEET", "number", countId));
        return new Count(position, difference, body);
    }

    private void count(LedgerClient ledger, Stats stats, Book book, String position, AtomicLong ids) {
        book.counting(position, () -> {
            Count count = count(book, position, ids);
            counted(stats, book, count, ledger.post(COUNTS, count.body()));
            return null;
        });
    }

    boolean counted(Stats stats, Book book, Count count, LedgerClient.Answer answer) {
        if (answer.ok()) {
            stats.ok("count", answer.nanos());
            book.counted(count.position(), count.difference());
            return true;
        }
        stats.error("count", answer.nanos(), answer.problem());
        return false;
    }

    private Map<String, Object> movement(String movementId, String position, long units) {
        String[] parts = position.split("@");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("movementId", movementId);
        body.put("sku", parts[0]);
        body.put("location", parts[1]);
        body.put("quantity", units);
        body.put("occurredAt", Instant.now().toString());
        body.put("sourceSystem", Workload.SOURCE);
        body.put("reference", Map.of("type", "ASN", "number", runId));
        return body;
    }

    private static Map<String, Object> line(Map.Entry<String, Long> line) {
        String[] parts = line.getKey().split("@");
        return Map.of("sku", parts[0], "location", parts[1], "quantity", line.getValue());
    }
    /**
     * The balance of a position with a long history as of random instants of it. The position is made by posting one
     * receipt and cloning its event row into the event store ({@link DeepPosition}: posting that many movements
     * through the API would take far longer than the rest of the day); once every projection has caught up, clients
     * ask for its balance and every answer's on hand is checked against the receipts at or before the instant.
     */
    private Map<String, Object> balanceAsOf() throws Exception {
        // its own business transaction: the audit invariant counts the day's movements by the day's correlation id
        LedgerClient ledger = new LedgerClient(commandSide, querySide, credentials, "deep-" + runId, json, asOfClients);
        Map<String, Object> result = new LinkedHashMap<>();
        DeepPosition deep =
                new DeepPosition("DEEP-" + runId, locationNames.get(0), deepPositionEvents, 1, Instant.now());
        result.put("position", deep.position());
        result.put("events", deepPositionEvents);
        result.put(
                "seeding",
                "one receipt posted through the API, its event row cloned " + (deepPositionEvents - 1)
                        + " times straight into the command side's event table (bypassing the API), business times"
                        + " spread over " + DeepPosition.SPAN.toDays() + " days");
        System.out.printf(
                "run %s: seeding %s with %d events (one receipt through the API, its event row cloned)%n",
                runId, deep.position(), deepPositionEvents);
        long seedStart = System.nanoTime();
        String movementId = runId + "-deep-0";
        LedgerClient.Answer first =
                ledger.post("/api/v1/movements/receipts", deep.firstReceipt(movementId, runId + "-deep"));
        if (!first.ok()) {
            result.put("error", "first receipt: " + first.status() + " " + first.body());
            result.put("passed", false);
            return result;
        }
        long cloned = deep.cloneReceipt(eventsUrl, movementId);
        result.put("seedSeconds", (System.nanoTime() - seedStart) / 1e9);
        double caughtUp = awaitCaughtUp(ledger, AS_OF_PROJECTION::equals);
        result.put("caughtUpSeconds", caughtUp);
        // A query's latency, measured with the ledger otherwise idle: the other projections (finance takes longest
        // over that history) finish first rather than compete for the two cores.
        double allCaughtUp = awaitProjectionsCaughtUp(ledger);
        result.put("allCaughtUpSeconds", allCaughtUp);
        result.put("lagAtStart", lag(ledger));
        System.out.printf(
                "run %s: %d events cloned; the %s projection caught up %.1f s later, every projection %.1f s after"
                        + " that%n",
                runId, cloned, AS_OF_PROJECTION, caughtUp, allCaughtUp);
        // warm-up, not measured: the first requests of a JVM run interpreted code
        int warmUp = Math.min(200, asOfRequests / 10);
        for (int i = 0; i < warmUp; i++) {
            ledger.query(
                    "/api/v1/positions/" + deep.sku + "/" + deep.location + "/balance",
                    Map.of("asOf", deep.start.plusMillis(i).toString()));
        }
        result.put("warmUpRequests", warmUp);

        Stats stats = new Stats();
        AtomicLong wrong = new AtomicLong();
        List<String> examples = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicLong issued = new AtomicLong();
        long span = deep.end().toEpochMilli() + deep.stepMillis - deep.start.toEpochMilli();
        String path = "/api/v1/positions/" + deep.sku + "/" + deep.location + "/balance";
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(asOfClients);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < asOfClients; c++) {
            running.add(pool.submit(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (issued.getAndIncrement() < asOfRequests) {
                    Instant at = deep.start.plusMillis(random.nextLong(span));
                    LedgerClient.Answer answer = ledger.query(path, Map.of("asOf", at.toString()));
                    if (!answer.ok()) {
                        stats.error("balance-as-of", answer.nanos(), answer.problem());
                        continue;
                    }
                    stats.ok("balance-as-of", answer.nanos());
                    long onHand = answer.body().path("onHand").asLong(-1);
                    if (onHand != deep.expectedOnHand(at)) {
                        wrong.incrementAndGet();
                        if (examples.size() < 3) {
                            examples.add("as of " + at + ": " + onHand + ", expected " + deep.expectedOnHand(at));
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> client : running) {
            client.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        result.put("requests", asOfRequests);
        result.put("clients", asOfClients);
        result.put("seconds", seconds);
        result.put("operations", operations(stats, seconds));
        result.put("wrongAnswers", wrong.get());
        result.put("wrongExamples", examples);
        boolean passed = cloned == deepPositionEvents - 1 && stats.errors() == 0 && wrong.get() == 0;
        result.put("passed", passed);
        System.out.printf(
                "balance as of: %d requests, p50 %.1f ms, p99 %.1f ms, %d wrong answers%n",
                asOfRequests,
                stats.of("balance-as-of").millis(50),
                stats.of("balance-as-of").millis(99),
                wrong.get());
        return result;
    }

    /**
     * Waits until every projection has applied the whole log, so that freshness is measured in the steady state at
     * half the sustained rate rather than while the day's backlog drains; the seconds it took, -1 after ten minutes.
     */
    private double awaitProjectionsCaughtUp(LedgerClient ledger) throws InterruptedException {
        return awaitCaughtUp(ledger, name -> true);
    }

    /** Events each projection is behind the log, by name. */
    private static Map<String, Long> lag(LedgerClient ledger) {
        Map<String, Long> behind = new LinkedHashMap<>();
        LedgerClient.Answer lag = ledger.query("/api/v1/projections/lag", Map.of());
        if (lag.ok()) {
            for (JsonNode projection : lag.body()) {
                behind.put(
                        projection.path("projection").asText(),
                        projection.path("eventsBehind").asLong(-1));
            }
        }
        return behind;
    }

    /** Waits until the projections {@code named} have applied the whole log; the seconds it took, -1 after ten minutes. */
    private double awaitCaughtUp(LedgerClient ledger, java.util.function.Predicate<String> named)
            throws InterruptedException {
        long start = System.nanoTime();
        long giveUp = start + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < giveUp) {
            LedgerClient.Answer lag = ledger.query("/api/v1/projections/lag", Map.of());
            if (lag.ok() && lag.body().size() > 0) {
                boolean caughtUp = true;
                for (JsonNode projection : lag.body()) {
                    if (named.test(projection.path("projection").asText())) {
                        caughtUp &= projection.path("eventsBehind").asLong(-1) == 0;
                    }
                }
                if (caughtUp) {
                    return (System.nanoTime() - start) / 1e9;
                }
            }
            Thread.sleep(200);
        }
        return -1;
    }

    /**
     * Freshness: a receipt on a probe position, then how long until it shows in the first channel's availability
     * and, separately, in the audit history (by movement id).
     */
    private void probe(LedgerClient ledger, Stats stats, long deadline) throws InterruptedException {
        String sku = "FRESH-" + runId;
        String location = locationNames.get(0);
        String channel = channelNames.get(0);
        long units = 0;
        long sequence = 0;
        while (System.nanoTime() < deadline) {
            String movementId = runId + "-probe-" + (++sequence);
            LedgerClient.Answer receipt =
                    ledger.post("/api/v1/movements/receipts", movement(movementId, sku + "@" + location, 1));
            long acknowledged = System.nanoTime();
            if (!receipt.ok()) {
                stats.error("freshness-availability", receipt.nanos(), "receipt:" + receipt.problem());
                continue;
            }
            units++;
            boolean available = false;
            boolean audited = false;
            long giveUp = acknowledged + 30_000_000_000L;
            while ((!available || !audited) && System.nanoTime() < giveUp) {
                // A pause between looks: polling flat out would take the CPU the projections need on a small machine.
                Thread.sleep(5);
                if (!available) {
                    LedgerClient.Answer answer =
                            ledger.query("/api/v1/channels/" + channel + "/availability", Map.of("sku", sku));
                    if (answer.ok()
                            && answer.body()
                                            .path("items")
                                            .path(0)
                                            .path("availableToSell")
                                            .asLong(-1)
                                    >= units) {
                        available = true;
                        stats.ok("freshness-availability", System.nanoTime() - acknowledged);
                    }
                }
                if (!audited) {
                    LedgerClient.Answer answer = ledger.query("/api/v1/audit", Map.of("movementId", movementId));
                    if (answer.ok() && answer.body().path("items").size() > 0) {
                        audited = true;
                        stats.ok("freshness-audit", System.nanoTime() - acknowledged);
                    }
                }
            }
            if (!available) {
                stats.error("freshness-availability", System.nanoTime() - acknowledged, "not visible within 30 s");
            }
            if (!audited) {
                stats.error("freshness-audit", System.nanoTime() - acknowledged, "not visible within 30 s");
            }
            Thread.sleep(20);
        }
    }

    /** Starts a rebuild through the API and follows it until it is done: events, seconds, the rate it reports. */
    private Map<String, Object> rebuild(LedgerClient ledger) throws InterruptedException {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("projection", rebuildProjection);
        long start = System.nanoTime();
        LedgerClient.Answer started = ledger.postToQuerySide("/api/v1/projections/" + rebuildProjection + "/rebuilds");
        if (started.status() != 202) {
            result.put("error", started.status() + " " + started.body());
            return result;
        }
        String id = started.body().path("id").asText();
        JsonNode last = started.body();
        long giveUp = System.nanoTime() + Duration.ofMinutes(20).toNanos();
        while (System.nanoTime() < giveUp) {
            Thread.sleep(250);
            LedgerClient.Answer progress =
                    ledger.query("/api/v1/projections/" + rebuildProjection + "/rebuilds/" + id, Map.of());
            if (progress.ok()) {
                last = progress.body();
                String state = last.path("state").asText();
                if ("done".equals(state) || "failed".equals(state)) {
                    break;
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        result.put("state", last.path("state").asText());
        result.put("eventsDone", last.path("eventsDone").asLong());
        result.put("reportedRate", last.path("rate").asDouble());
        result.put("seconds", seconds);
        result.put("eventsPerSecond", last.path("eventsDone").asLong() / seconds);
        return result;
    }

    /** The CPU time (user + system) a process has used so far, from /proc; 0 without a pid or off Linux. */
    static double cpuSeconds(Long pid) {
        if (pid == null) {
            return 0;
        }
        try {
            String stat = Files.readString(Path.of("/proc", pid.toString(), "stat"));
            // the fields after the command name, which is in parentheses and may hold spaces
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks / (double) CLOCK_TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** USER_HZ: what /proc counts CPU time in, 100 on every Linux this runs on. */
    private static final int CLOCK_TICKS_PER_SECOND = 100;

    /** VmRSS of a process (from /proc) and its heap use (jcmd GC.heap_info's first lines). */
    private static Map<String, Object> memory(Long pid) {
        Map<String, Object> memory = new LinkedHashMap<>();
        if (pid == null) {
            memory.put("error", "no pid given");
            return memory;
        }
        memory.put("pid", pid);
        try {
            String commandLine = Files.readString(Path.of("/proc", pid.toString(), "cmdline"));
            memory.put("heapCap", heapCap(List.of(commandLine.split("\0"))));
        } catch (IOException | RuntimeException e) {
            memory.put("heapCap", "unknown");
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", pid.toString(), "status"))) {
                if (line.startsWith("VmRSS:") || line.startsWith("VmHWM:")) {
                    String[] parts = line.split("\\s+");
                    memory.put(parts[0].replace(":", "") + "MiB", Long.parseLong(parts[1]) / 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            memory.put("rssError", e.toString());
        }
        try {
            Process jcmd = new ProcessBuilder("jcmd", pid.toString(), "GC.heap_info")
                    .redirectErrorStream(true)
                    .start();
            String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            jcmd.waitFor(30, TimeUnit.SECONDS);
            output.lines()
                    .filter(line -> line.contains("total") && line.contains("used"))
                    .findFirst()
                    .ifPresent(line -> memory.put(
                            "heap", line.replaceAll("\\s*\\[0x.*$", "").trim()));
        } catch (IOException e) {
            memory.put("heapError", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return memory;
    }

    /** The heap cap a JVM's command line sets: its last {@code -Xmx} (the one that counts), or the JVM's default. */
    static String heapCap(List<String> commandLine) {
        String cap = "JVM default (no -Xmx)";
        for (String argument : commandLine) {
            if (argument.equals("-jar")) {
                break;
            }
            if (argument.startsWith("-Xmx")) {
                cap = argument;
            } else if (argument.startsWith("-XX:MaxHeapSize=") || argument.startsWith("-XX:MaxRAMPercentage=")) {
                cap = argument;
            }
        }
        return cap;
    }

    private static Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        long total = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    total = Long.parseLong(line.split("\\s+")[1]) / 1024;
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux: left unknown
        }
        machine.put("memoryMiB", total);
        machine.put("loadAverage", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        return machine;
    }

    private static Map<String, Object> phase(Phase phase, Stats stats, JdbcBaseline.Result baseline) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("orderLines", phase.lines());
        map.put("seconds", phase.seconds());
        map.put("operations", operations(stats, phase.seconds()));
        map.put("baselinePerSecond", baseline.perSecond());
        return map;
    }

    static Map<String, Object> operations(Stats stats, double seconds) {
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
            if (op.items.sum() > 0) {
                row.put("items", op.items.sum());
            }
            Map<String, Long> reasons = new LinkedHashMap<>();
            op.reasons.forEach((reason, count) -> reasons.put(reason, count.sum()));
            row.put("reasons", reasons);
            operations.put(name, row);
        });
        return operations;
    }

    /** Runs {@code count} tasks over the clients. */
    private void runAll(int count, java.util.function.IntConsumer task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int index = i;
            running.add(pool.submit(() -> task.accept(index)));
        }
        for (Future<?> each : running) {
            each.get();
        }
        pool.shutdown();
    }
}
