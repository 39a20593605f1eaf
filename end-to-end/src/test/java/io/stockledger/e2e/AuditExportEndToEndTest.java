package io.stockledger.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stockledger.store.StorePassword;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The audit export streams in constant memory: a history far larger than the query side's heap exports whole, as
 * CSV, from a query side limited to 64 MB. The rows (100,000 by default, some 125 MB as objects; {@code -Dstockledger.e2e.export-rows} for
 * more) are seeded straight into the audit table; the peak heap, read from the query side's GC log, is written to
 * {@code target/export-heap.json}.
 */
@ExtendWith(PrintLogsOnFailure.class)
class AuditExportEndToEndTest {

    private static final int ROWS = Integer.getInteger("stockledger.e2e.export-rows", 100_000);
    private static final int SEED_BATCH = 50_000;
    private static final String HEAP = "64m";

    private static Ledger ledger;

    @BeforeAll
    static void startLedger() {
        ledger = Ledger.start("export");
    }

    @AfterAll
    static void stopLedger() {
        if (ledger != null) {
            ledger.close();
        }
    }

    @Test
    void exportsAHistoryManyTimesLargerThanTheHeapInConstantMemory() throws Exception {
        ObjectNode receipt = MovementRequest.of(MovementRequest.newSku("E2E-EXPORT"), "WH-EXPORT", 5);
        assertThat(ledger.post("receipts", receipt).status()).isEqualTo(201);
        ledger.awaitAudit(receipt.get("movementId").asText(), 1);

        ledger.querySide().stop();
        long seeding = System.nanoTime();
        seedAuditHistory(ledger.dataDir(), ROWS);
        System.out.printf("seeded %,d audit rows in %.1f s%n", ROWS, (System.nanoTime() - seeding) / 1e9);
        Path gcLog = ledger.dataDir().resolve("logs").resolve("query-side-gc.log");
        ledger.querySide().jvmOptions("-Xmx" + HEAP, "-Xlog:gc:file=" + gcLog).start(ledger.http());

        long started = System.nanoTime();
        HttpResponse<Stream<String>> export = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://localhost:" + ledger.querySide().port() + "/api/v1/audit/export"))
                                .header("Authorization", TestClient.authorization())
                                .build(),
                        HttpResponse.BodyHandlers.ofLines());
        assertThat(export.statusCode()).isEqualTo(200);
        long lines;
        try (Stream<String> body = export.body()) {
            lines = body.count();
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        assertThat(lines).as("header + the receipt + the seeded rows").isEqualTo(1 + 1 + ROWS);
        long peakMegabytes = peakHeapMegabytes(gcLog);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("rows", lines - 1);
        result.put("maxHeap", HEAP);
        result.put("peakHeapMegabytes", peakMegabytes);
        result.put("seconds", Math.round(seconds * 10) / 10.0);
        result.put("rowsPerSecond", Math.round((lines - 1) / seconds));
        Path report = Path.of("target", "export-heap.json");
        Files.createDirectories(report.getParent());
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(report.toFile(), result);
        System.out.println("audit export: " + result);
    }

    /**
     * Rows shaped like the audit projection's, straight into its table, while the query side is stopped; in
     * transactions of {@value #SEED_BATCH} rows, since H2 gave up on a million-row single statement.
     */
    private static void seedAuditHistory(Path dataDir, int rows) throws Exception {
        String url = "jdbc:h2:file:" + dataDir.resolve("query/projections") + ";AUTO_SERVER=TRUE";
        try (Connection connection = DriverManager.getConnection(url, StorePassword.USER, StorePassword.of(dataDir));
                Statement statement = connection.createStatement()) {
            for (int first = 1; first <= rows; first += SEED_BATCH) {
                seedAuditRows(statement, first, Math.min(rows, first + SEED_BATCH - 1));
            }
        }
    }

    private static void seedAuditRows(Statement statement, int first, int last) throws Exception {
        statement.execute(
                """
                    INSERT INTO audit_entry (global_position, event_id, event_type, sequence_number, is_movement,
                        movement_id, movement_type, sku, location, quantity, occurred_at, recorded_at, source_system,
                        reference_type, reference_number, reason_code, principal, correlation_id,
                        before_on_hand, before_reserved, before_quarantined, before_damaged, before_in_transit,
                        after_on_hand, after_reserved, after_quarantined, after_damaged, after_in_transit,
                        change_on_hand, change_reserved, change_quarantined, change_damaged, change_in_transit,
                        attributes)
                    SELECT 1000000000 + X, 'seeded-event-' || X, 'StockReceived', X, TRUE,
                        'seeded-' || X, 'RECEIPT', 'SEEDED-' || MOD(X, 1000), 'WH-SEEDED', 1,
                        TIMESTAMP WITH TIME ZONE '2024-01-01 00:00:00Z' + X * INTERVAL '1' SECOND,
                        TIMESTAMP WITH TIME ZONE '2024-01-01 00:00:00Z' + X * INTERVAL '1' SECOND,
                        'WMS-SEEDED', 'ASN', 'ASN-' || X, NULL, 'seeder', 'tx-seeded-' || X,
                        X - 1, 0, 0, 0, 0, X, 0, 0, 0, 0, 1, 0, 0, 0, 0, '{"unitCost":"1.25"}'
                      FROM SYSTEM_RANGE(%d, %d)
                    """
                        .formatted(first, last));
    }

    /** The most heap in use at any collection, from the unified GC log: "... 41M->12M(64M) ...". */
    private static long peakHeapMegabytes(Path gcLog) throws IOException {
        Pattern usage = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");
        long peak = 0;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher matcher = usage.matcher(line);
            while (matcher.find()) {
                peak = Math.max(peak, Long.parseLong(matcher.group(1)));
            }
        }
        return peak;
    }
}
