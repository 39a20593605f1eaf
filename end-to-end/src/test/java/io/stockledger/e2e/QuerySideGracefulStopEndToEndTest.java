package io.stockledger.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A graceful stop (SIGTERM) of the query side under read load while its projections are processing: the reads it
 * took on are answered from a projections database that is still open, and its processors stop before the database
 * closes. H2 closes a database in its own shutdown hook, beside Spring's graceful shutdown, unless the side takes it
 * out of that hook ({@code StoreShutdown}).
 */
@ExtendWith(PrintLogsOnFailure.class)
class QuerySideGracefulStopEndToEndTest {

    private static final String LOCATION = "WH-QUERY-STOP";
    private static final int READERS = 6;
    private static final Pattern ERROR_LINE = Pattern.compile("(?m)^.*\\bERROR\\b.*$");

    private static Ledger ledger;

    @BeforeAll
    static void startLedger() {
        ledger = Ledger.start("query-side-graceful-stop");
    }

    @AfterAll
    static void stopLedger() {
        if (ledger != null) {
            ledger.close();
        }
    }

    @Test
    void aGracefulStopUnderReadLoadAnswersNo5xxAndLogsNoError() throws Exception {
        String sku = MovementRequest.newSku("E2E-QSTOP");
        String period = YearMonth.now(ZoneOffset.UTC).toString();
        List<String> reads = List.of(
                "/api/v1/positions/" + Http.encode(sku) + "/" + LOCATION,
                "/api/v1/positions?sku=" + Http.encode(sku),
                "/api/v1/audit?limit=50&sku=" + Http.encode(sku),
                "/api/v1/reservations?limit=20",
                "/api/v1/finance/periods/" + period + "/balances?sku=" + Http.encode(sku),
                "/api/v1/channels/WEB/availability?sku=" + Http.encode(sku),
                "/api/v1/projections/lag",
                "/api/v1/projections",
                "/api/v1/dead-letters",
                "/actuator/health");

        // the projections keep processing: receipts go on arriving until the query side has stopped
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger acknowledged = new AtomicInteger();
        ExecutorService writer = Executors.newSingleThreadExecutor();
        Future<?> receipts = writer.submit(() -> {
            while (writing.get()) {
                if (ledger.post("receipts", MovementRequest.of(sku, LOCATION, 1))
                                .status()
                        == 201) {
                    acknowledged.incrementAndGet();
                }
            }
        });

        AtomicInteger answered = new AtomicInteger();
        List<String> failed = new CopyOnWriteArrayList<>();
        ExecutorService readers = Executors.newFixedThreadPool(READERS);
        List<Future<?>> running = new ArrayList<>();
        for (int r = 0; r < READERS; r++) {
            int first = r;
            running.add(readers.submit(() -> {
                // until the side has stopped: a refused or dropped connection ends a reader, an answer does not
                for (int i = first; ; i++) {
                    String read = reads.get(i % reads.size());
                    Http.Response answer;
                    try {
                        answer = ledger.http().get(ledger.querySide().port(), read);
                    } catch (UncheckedIOException | IllegalStateException closed) {
                        return;
                    }
                    answered.incrementAndGet();
                    if (answer.status() >= 500) {
                        failed.add("GET " + read + " answered " + answer);
                    }
                }
            }));
        }
        Ledger.await("receipts projected under read load", () -> positionOnHand(sku), onHand -> onHand >= 20);
        Ledger.await("reads answered", answered::get, n -> n >= 200);

        ledger.querySide().stop();
        for (Future<?> reader : running) {
            reader.get();
        }
        readers.shutdown();
        writing.set(false);
        receipts.get();
        writer.shutdown();

        assertThat(failed).as("5xx answers while the query side stopped").isEmpty();
        String log = Files.readString(ledger.querySide().log(), StandardCharsets.UTF_8);
        assertThat(ERROR_LINE.matcher(log).results().map(line -> line.group()).toList())
                .as("ERROR lines in the query side's log")
                .isEmpty();

        // started again, it carries on from where its processors stopped: every acknowledged receipt, once
        ledger.querySide().start(ledger.http());
        ledger.awaitPosition(sku, LOCATION, view -> view.path("onHand").asLong() == acknowledged.get());
    }

    private static long positionOnHand(String sku) {
        Http.Response position = ledger.position(sku, LOCATION);
        return position.status() == 200 ? position.json().path("onHand").asLong() : 0;
    }
}
