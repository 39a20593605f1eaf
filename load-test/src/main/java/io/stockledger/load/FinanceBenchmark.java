package io.stockledger.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * Measures finance against a running ledger: how long the period report takes for {@code --positions}
 * SKU-locations (JSON and streamed CSV), and what one movement backdated six months costs compared with one dated
 * now, on a position with a history of one movement a day (from the 201 of the movement until the period report
 * shows it). Prints a table and writes it as JSON.
 */
@Command(
        name = "finance-benchmark",
        mixinStandardHelpOptions = true,
        description = "Measure the period report and the cost of a backdated movement on a running ledger.")
final class FinanceBenchmark implements Callable<Integer> {

    @ParentCommand
    LoadGenerator parent;

    @Option(names = "--positions", defaultValue = "10000", description = "SKU-locations to seed.")
    int positions;

    @Option(
            names = "--history-days",
            defaultValue = "210",
            description = "Days of daily movements on the measured position.")
    int historyDays;

    @Option(names = "--rounds", defaultValue = "20", description = "Measurements of each kind.")
    int rounds;

    @Option(names = "--clients", defaultValue = "16", description = "Concurrent clients while seeding.")
    int clients;

    @Option(names = "--out", description = "Where to write the JSON results (default load-results/finance-<run>.json).")
    Path out;

    private final AtomicLong ids = new AtomicLong();

    @Override
    public Integer call() throws Exception {
        ObjectMapper json = JsonMapper.builder()
                .findAndAddModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .build();
        String run = "F" + Long.toString(System.currentTimeMillis(), 36).toUpperCase(Locale.ROOT);
        LedgerClient ledger = new LedgerClient(
                parent.commandSide, parent.querySide, parent.credentials, "bench-" + run, json, clients);
        Instant now = Instant.now();
        YearMonth current = YearMonth.from(now.atZone(ZoneOffset.UTC));
        Instant seededAt =
                current.minusMonths(7).atDay(2).atStartOfDay(ZoneOffset.UTC).toInstant();

        System.out.printf("run %s: seeding %d positions (one receipt each, dated %s)%n", run, positions, seededAt);
        int locations = 10;
        long seedStart = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<LedgerClient.Answer>> seeding = new ArrayList<>();
        for (int i = 0; i < positions; i++) {
            String sku = run + "-" + (i / locations);
            String location = "DC" + (i % locations + 1);
            seeding.add(pool.submit(() ->
                    ledger.post("/api/v1/movements/receipts", receipt(run, sku, location, 100, "2.50", seededAt))));
        }
        long seeded = 0;
        for (Future<LedgerClient.Answer> answer : seeding) {
            if (answer.get().ok()) {
                seeded++;
            }
        }
        pool.shutdown();
        double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
        System.out.printf("run %s: %d receipts in %.1f s%n", run, seeded, seedSeconds);

        String sku = run + "-HIST";
        String location = "DC1";
        long onHand = 0;
        System.out.printf("run %s: %d days of history on %s@%s%n", run, historyDays, sku, location);
        Instant historyStart = now.minus(Duration.ofDays(historyDays));
        for (int day = 0; day < historyDays; day++) {
            Instant at = historyStart.plus(Duration.ofDays(day));
            if (day % 2 == 0) {
                require(ledger.post(
                        "/api/v1/movements/receipts",
                        receipt(
                                run,
                                sku,
                                location,
                                20,
                                BigDecimal.valueOf(200 + day, 2).toPlainString(),
                                at)));
                onHand += 20;
            } else {
                require(ledger.post("/api/v1/movements/shipments", shipment(run, sku, location, 7, at)));
                onHand -= 7;
            }
        }
        onHand = awaitClosing(ledger, current, sku, location, onHand).closing;

        System.out.printf("run %s: the period report of %s%n", run, current);
        List<Double> reportMillis = new ArrayList<>();
        List<Double> csvMillis = new ArrayList<>();
        long rows = 0;
        long csvBytes = 0;
        for (int i = 0; i < rounds; i++) {
            LedgerClient.Answer answer = ledger.query("/api/v1/finance/periods/" + current + "/balances", Map.of());
            require(answer);
            rows = answer.body().path("rows").size();
            reportMillis.add(answer.nanos() / 1e6);
            long[] csv = ledger.download("/api/v1/finance/periods/" + current + "/balances.csv");
            csvBytes = csv[1];
            csvMillis.add(csv[2] / 1e6);
        }

        System.out.printf("run %s: %d movements dated now and %d dated six months back%n", run, rounds, rounds);
        List<Double> nowMillis = new ArrayList<>();
        List<Double> backMillis = new ArrayList<>();
        List<Double> nowCommand = new ArrayList<>();
        List<Double> backCommand = new ArrayList<>();
        Instant sixMonthsBack = now.minus(Duration.ofDays(182));
        for (int i = 0; i < rounds; i++) {
            Timed dated = timedReceipt(ledger, run, sku, location, Instant.now(), current, onHand);
            onHand = dated.closing;
            nowMillis.add(dated.visibleMillis);
            nowCommand.add(dated.commandMillis);
            Timed back = timedReceipt(ledger, run, sku, location, sixMonthsBack.plusSeconds(i), current, onHand);
            onHand = back.closing;
            backMillis.add(back.visibleMillis);
            backCommand.add(back.commandMillis);
        }
        LedgerClient.Answer check = ledger.query("/api/v1/finance/roll-forward", Map.of());
        require(check);

        Map<String, Object> results = new LinkedHashMap<>();
        results.put("runId", run);
        results.put("finishedAt", Instant.now().toString());
        results.put(
                "machine",
                Map.of(
                        "cores", Runtime.getRuntime().availableProcessors(),
                        "os", System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                        "java", System.getProperty("java.version")));
        results.put("seededPositions", seeded);
        results.put("seedSeconds", seedSeconds);
        results.put("reportRows", rows);
        results.put("csvBytes", csvBytes);
        results.put("historyMovements", historyDays);
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("period report JSON (" + rows + " rows)", summary(reportMillis));
        table.put("period report CSV (" + csvBytes + " bytes)", summary(csvMillis));
        table.put("receipt dated now: command 201", summary(nowCommand));
        table.put("receipt dated now: 201 to report", summary(nowMillis));
        table.put("receipt 6 months back: command 201", summary(backCommand));
        table.put("receipt 6 months back: 201 to report", summary(backMillis));
        results.put("millis", table);
        results.put("rollForwardRows", check.body().path("rowsChecked").asLong());
        results.put("rollForwardViolations", check.body().path("violations").size());

        System.out.printf("%n%-42s %8s %8s %8s %8s%n", "measurement (ms)", "n", "p50", "p95", "max");
        table.forEach((name, value) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> s = (Map<String, Object>) value;
            System.out.printf(
                    "%-42s %8d %8.1f %8.1f %8.1f%n",
                    name, (Integer) s.get("n"), s.get("p50"), s.get("p95"), s.get("max"));
        });
        System.out.printf(
                "%nroll-forward: %d rows checked, %d violations%n",
                check.body().path("rowsChecked").asLong(),
                check.body().path("violations").size());
        Path file = out != null ? out : Path.of("load-results", "finance-" + run + ".json");
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        json.writeValue(file.toFile(), results);
        System.out.println("results written to " + file.toAbsolutePath());
        return check.body().path("violations").isEmpty() ? 0 : 1;
    }

    private record Timed(double commandMillis, double visibleMillis, long closing) {}

    private Timed timedReceipt(
            LedgerClient ledger, String run, String sku, String location, Instant at, YearMonth current, long before)
            throws InterruptedException {
        LedgerClient.Answer answer =
                ledger.post("/api/v1/movements/receipts", receipt(run, sku, location, 10, "3.00", at));
        require(answer);
        long acknowledged = System.nanoTime();
        Closing closing = awaitClosing(ledger, current, sku, location, before + 10);
        return new Timed(answer.nanos() / 1e6, (closing.seenAt - acknowledged) / 1e6, closing.closing);
    }

    private record Closing(long closing, long seenAt) {}

    private static Closing awaitClosing(
            LedgerClient ledger, YearMonth period, String sku, String location, long expected)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            LedgerClient.Answer answer = ledger.query(
                    "/api/v1/finance/periods/" + period + "/balances", Map.of("sku", sku, "location", location));
            if (answer.ok() && answer.body().path("rows").size() == 1) {
                long closing = answer.body()
                        .path("rows")
                        .get(0)
                        .at("/quantity/closing")
                        .asLong();
                if (closing == expected) {
                    return new Closing(closing, System.nanoTime());
                }
            }
            Thread.sleep(2);
        }
        throw new IllegalStateException("the period report never showed " + expected + " for " + sku);
    }

    private static Map<String, Object> summary(List<Double> millis) {
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("n", sorted.size());
        summary.put("p50", sorted.get((int) Math.floor(0.50 * (sorted.size() - 1))));
        summary.put("p95", sorted.get((int) Math.ceil(0.95 * (sorted.size() - 1))));
        summary.put("max", sorted.get(sorted.size() - 1));
        return summary;
    }

    private Map<String, Object> receipt(
            String run, String sku, String location, long units, String unitCost, Instant at) {
        Map<String, Object> body = movement(run, "rcv", sku, location, units, at);
        body.put("unitCost", new BigDecimal(unitCost));
        return body;
    }

    private Map<String, Object> shipment(String run, String sku, String location, long units, Instant at) {
        return movement(run, "shp", sku, location, units, at);
    }

    private Map<String, Object> movement(String run, String kind, String sku, String location, long units, Instant at) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("movementId", run + "-" + kind + "-" + ids.incrementAndGet());
        body.put("sku", sku);
        body.put("location", location);
        body.put("quantity", units);
        body.put("occurredAt", at.toString());
        body.put("sourceSystem", "finance-benchmark");
        body.put("reference", Map.of("type", "ASN", "number", run));
        return body;
    }

    private static void require(LedgerClient.Answer answer) {
        if (!answer.ok()) {
            throw new IllegalStateException("answered " + answer.status() + " " + answer.body());
        }
    }
}
