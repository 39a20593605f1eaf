package io.stockledger.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The projections' database writes its commits to disk in the background (they are derived from the log and commit
 * with their tokens, so a crash only makes the processors handle the newest events again). A reconciliation run is
 * uploaded, not derived: its 201 must survive {@code kill -9} of the query side all the same. The query side runs
 * here with a background write delay of a minute, so the test does not depend on how fast it kills.
 */
@ExtendWith(PrintLogsOnFailure.class)
class UploadDurabilityEndToEndTest {

    private static Ledger ledger;

    @BeforeAll
    static void startLedger() {
        ledger = Ledger.start(
                "upload-durability",
                List.of("--spring.datasource.url=jdbc:h2:file:${stockledger.data-dir}/query/projections"
                        + ";AUTO_SERVER=TRUE;WRITE_DELAY=60000;QUERY_CACHE_SIZE=64"));
    }

    @AfterAll
    static void stopLedger() {
        if (ledger != null) {
            ledger.close();
        }
    }

    @Test
    void anAcknowledgedReconciliationRunSurvivesKillingTheQuerySide() {
        String sku = MovementRequest.newSku("E2E-RECON");
        String csv = "sku,location,period,quantity,value\n" + sku + ",WH-DURABLE,2026-01,5,\n";
        int port = ledger.querySide().port();
        Http.Response uploaded = ledger.http().send("POST", port, "/api/v1/finance/reconciliations", "text/csv", csv);
        assertThat(uploaded.status()).as("%s", uploaded).isEqualTo(201);
        String runId = uploaded.json().at("/run/runId").asText();

        ledger.querySide().kill();
        ledger.querySide().start(ledger.http());

        Http.Response read = ledger.http().get(port, "/api/v1/finance/reconciliations/" + runId);
        assertThat(read.status()).as("run %s after kill -9: %s", runId, read).isEqualTo(200);
        assertThat(read.json().at("/run/inputSha256").asText())
                .isEqualTo(uploaded.json().at("/run/inputSha256").asText());
    }
}
