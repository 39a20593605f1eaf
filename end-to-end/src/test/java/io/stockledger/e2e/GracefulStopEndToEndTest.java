package io.stockledger.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A graceful stop (SIGTERM) under load: the command side finishes what it took on with the store still open. H2
 * closes a database in its own shutdown hook unless told not to ({@code DB_CLOSE_ON_EXIT=FALSE}), and that hook
 * runs beside Spring's graceful shutdown: commands still being handled, the expiry sweep and the event processors
 * then found the store closed ("Database is already closed").
 */
@ExtendWith(PrintLogsOnFailure.class)
class GracefulStopEndToEndTest {

    private static final String LOCATION = "WH-GRACEFUL";
    private static final int CLIENTS = 6;

    private static Ledger ledger;

    @BeforeAll
    static void startLedger() {
        ledger = Ledger.start("graceful-stop");
    }

    @AfterAll
    static void stopLedger() {
        if (ledger != null) {
            ledger.close();
        }
    }

    @Test
    void aGracefulStopUnderLoadAnswersNo5xxAndKeepsTheStoreOpenUntilItIsDone() throws Exception {
        String sku = MovementRequest.newSku("E2E-GRACEFUL");
        List<ObjectNode> acknowledged = new CopyOnWriteArrayList<>();
        List<Http.Response> failed = new CopyOnWriteArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            running.add(clients.submit(() -> {
                // until the side has stopped: a refused or dropped connection ends a client, an answer does not
                while (true) {
                    ObjectNode receipt = MovementRequest.of(sku, LOCATION, 1);
                    Http.Response answer;
                    try {
                        answer = ledger.post("receipts", receipt);
                    } catch (UncheckedIOException | IllegalStateException closed) {
                        return;
                    }
                    if (answer.status() == 201) {
                        acknowledged.add(receipt);
                    } else {
                        failed.add(answer);
                    }
                }
            }));
        }
        Ledger.await("receipts acknowledged under load", acknowledged::size, n -> n >= 50);

        ledger.commandSide().stop();
        for (Future<?> client : running) {
            client.get();
        }
        clients.shutdown();

        assertThat(failed)
                .as("answers other than 201 while the command side stopped")
                .isEmpty();
        String log = Files.readString(ledger.commandSide().log(), StandardCharsets.UTF_8);
        assertThat(log).doesNotContain("Database is already closed").doesNotContain("database has been closed");

        // every acknowledged receipt is there after a restart
        ledger.commandSide().start(ledger.http());
        for (ObjectNode receipt : acknowledged) {
            assertThat(ledger.movement(receipt.get("movementId").asText()).status())
                    .as("movement %s after the stop", receipt.get("movementId"))
                    .isEqualTo(200);
        }
    }
}
