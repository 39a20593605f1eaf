package io.stockledger.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stockledger.load.LoadGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The load generator's distributor day, in miniature, against a real ledger: every phase without an error (so order
 * ids never repeat across phases: the freshness phase's reservations would be replays of the day's), the
 * projections caught up before freshness is measured, counts, short picks and transfers played, the balance as of
 * an instant measured on a position seeded by cloning, right answers only, and every invariant holding; played one
 * request per operation and, where the command side has the bulk endpoints, in bulk requests.
 */
@ExtendWith(PrintLogsOnFailure.class)
class DistributorDayEndToEndTest {

    private static Ledger ledger;

    @BeforeAll
    static void startLedger() {
        ledger = Ledger.start("distributor-day");
    }

    @AfterAll
    static void stopLedger() {
        if (ledger != null) {
            ledger.close();
        }
    }

    @Test
    void aSmallDistributorDayPassesWithEveryOperationOfTheDayAndNoErrors(@TempDir Path baseline) throws Exception {
        JsonNode results = play(baseline, "distributor-day.json");

        assertPassedWithEveryOperation(results);
    }

    @Test
    void aSmallDistributorDayInBulkRequestsPassesLikeOnePlayedOneRequestPerOperation(@TempDir Path baseline)
            throws Exception {
        Http.Response probe = ledger.http()
                .post(
                        ledger.commandSide().port(),
                        "/api/v1/movements/bulk",
                        Map.of("items", List.of()),
                        Map.of("Authorization", TestClient.authorization()));
        Assumptions.assumeTrue(
                probe.status() != 404 && probe.status() != 405, "the command side has no bulk endpoints: " + probe);

        JsonNode results = play(
                baseline, "distributor-day-bulk.json", "--mode=bulk", "--bulk-size=10", "--single-sample-lines=40");

        assertPassedWithEveryOperation(results);
        assertThat(results.at("/day/mode").asText()).isEqualTo("bulk");
        assertThat(results.at("/day/requests/reservations-bulk/ok").asLong()).isPositive();
        assertThat(results.at("/singleSample/orderLines").asLong()).isEqualTo(40);
        assertThat(errors(results.at("/singleSample/operations")))
                .as("errors of the single-request sample")
                .isEmpty();
    }

    private static JsonNode play(Path baseline, String name, String... options) throws Exception {
        Path out = Path.of(System.getProperty("stockledger.e2e.report-dir", "target"), name);
        Files.createDirectories(out.getParent());
        List<String> arguments = new ArrayList<>(List.of(
                "distributor-day",
                "--command-url=http://localhost:" + ledger.commandSide().port(),
                "--query-url=http://localhost:" + ledger.querySide().port(),
                "--credentials=" + TestClient.credentials(),
                "--clients=4",
                "--order-lines=80",
                "--skus=20",
                "--locations=2",
                "--baseline-seconds=1",
                "--baseline-dir=" + baseline,
                "--freshness-seconds=3",
                "--count-every=8",
                "--short-pick-percent=30",
                "--transfer-every=8",
                "--events-url=jdbc:h2:file:"
                        + ledger.dataDir().toAbsolutePath().resolve("events/ledger")
                        + ";AUTO_SERVER=TRUE",
                "--deep-position-events=2000",
                "--as-of-requests=50",
                "--as-of-clients=2",
                "--out=" + out));
        arguments.addAll(List.of(options));

        int exit = new CommandLine(new LoadGenerator()).execute(arguments.toArray(String[]::new));

        JsonNode results = Http.JSON.readTree(out.toFile());
        assertThat(exit).as("exit code (results: %s)", out).isIn(0, 1);
        return results;
    }

    private static void assertPassedWithEveryOperation(JsonNode results) {
        List<String> failed = new ArrayList<>();
        results.path("invariants").forEach(invariant -> {
            if (!invariant.path("holds").asBoolean()) {
                failed.add(invariant.toString());
            }
        });
        assertThat(failed).as("invariants that do not hold").isEmpty();
        assertThat(errors(results.at("/day/operations")))
                .as("errors of the day")
                .isEmpty();
        assertThat(errors(results.at("/freshness/background/operations")))
                .as("errors of the freshness phase's load")
                .isEmpty();
        assertThat(errors(results.at("/freshness/probe")))
                .as("errors of the freshness probe")
                .isEmpty();
        assertThat(errors(results.at("/balanceAsOf/operations")))
                .as("errors of the balance-as-of requests")
                .isEmpty();
        assertThat(results.path("passed").asBoolean()).isTrue();

        assertThat(results.path("caughtUpSeconds").asDouble())
                .as("the projections caught up with the day before freshness")
                .isNotNegative();
        assertThat(results.at("/day/operations").fieldNames())
                .toIterable()
                .contains("count", "short-pick", "transfer-out", "transfer-in", "reserve-single", "fulfil");
        assertThat(results.at("/day/operations/count/ok").asLong()).isPositive();
        assertThat(results.at("/day/operations/short-pick/ok").asLong()).isPositive();
        assertThat(results.at("/day/operations/transfer-in/ok").asLong()).isPositive();
        assertThat(results.at("/balanceAsOf/operations/balance-as-of/ok").asLong())
                .isEqualTo(50);
        assertThat(results.at("/balanceAsOf/wrongAnswers").asLong()).isZero();
        assertThat(results.at("/balanceAsOf/events").asLong()).isEqualTo(2000);
        assertThat(results.at("/baseline/syncEachCommit").asBoolean())
                .as("the baseline syncs each commit")
                .isTrue();
        assertThat(results.at("/baselineBlobLayout/layout").asText()).isEqualTo("BLOB");
    }

    /** The operations of a phase that had errors, with their reasons. */
    private static List<String> errors(JsonNode operations) {
        List<String> errors = new ArrayList<>();
        for (Map.Entry<String, JsonNode> operation : operations.properties()) {
            if (operation.getValue().path("errors").asLong() > 0) {
                errors.add(operation.getKey() + " " + operation.getValue().path("reasons"));
            }
        }
        return errors;
    }
}
