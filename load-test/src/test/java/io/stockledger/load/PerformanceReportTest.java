package io.stockledger.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PerformanceReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A bulk-mode run: the day's confirmed reservation lines per second, its command-side CPU per line, the event
     * file's size per event after the day (bytes), the command side's peak RSS (MiB).
     */
    private static JsonNode results(
            double confirmedLinesPerSecond,
            double freshnessP99,
            boolean noOversell,
            double commandCpu,
            long eventsFileBytes,
            long commandPeakMiB)
            throws Exception {
        return JSON.readTree(
                ("""
                {"runId": "D1", "finishedAt": "2026-11-23T22:00:00Z",
                 "machine": {"cores": 2, "memoryMiB": 8000, "os": "Linux amd64", "java": "OpenJDK 17", "loadAverage": 1.5},
                 "mode": "bulk", "bulkSize": 100,
                 "baseline": {"committed": 1000, "refused": 0, "seconds": 10.0, "clients": 16,
                              "url": "jdbc:h2:file:/tmp/b/ledger/baseline;AUTO_SERVER=TRUE;WRITE_DELAY=10",
                              "store": "ledger", "layout": "VARBINARY", "syncEachCommit": true, "fileBytes": 4096000},
                 "baselineBlobLayout": {"committed": 40000, "refused": 0, "seconds": 10.0, "clients": 16,
                              "url": "jdbc:h2:file:/tmp/b/blob-layout/baseline;AUTO_SERVER=TRUE;WRITE_DELAY=0",
                              "store": "blob-layout", "layout": "BLOB", "syncEachCommit": false,
                              "fileBytes": 2048000000},
                 "dawnSeconds": 3.0,
                 "day": {"orderLines": 250000, "seconds": 500.0, "mode": "bulk", "bulkSize": 100,
                    "confirmedLines": 30000, "confirmedLinesPerSecond": %s, "caughtUpSeconds": 12.5,
                    "cpu": {"commandSideMsPerLine": %s, "querySideMsPerLine": 0.7},
                    "operations": {
                      "reserve-single": {"count": 10, "ok": 10, "rejected": 0, "errors": 0, "perSecond": 2.0,
                                         "p50Ms": 5.0, "p95Ms": 9.0, "p99Ms": 12.0}},
                    "requests": {
                      "movements-bulk": {"count": 40, "ok": 40, "errors": 0, "items": 1200, "p50Ms": 50.0,
                                         "p95Ms": 90.0, "p99Ms": 120.0},
                      "reservations-bulk": {"count": 100, "ok": 100, "errors": 0, "items": 9000, "p50Ms": 70.0,
                                         "p95Ms": 110.0, "p99Ms": 150.0}}},
                 "singleSample": {"orderLines": 20000, "seconds": 100.0, "mode": "single", "confirmedLines": 17000,
                    "confirmedLinesPerSecond": 170.0, "caughtUpSeconds": 1.5,
                    "cpu": {"commandSideMsPerLine": 2.5, "querySideMsPerLine": 1.25},
                    "operations": {
                      "reserve-single": {"count": 7, "ok": 7, "rejected": 0, "errors": 0, "perSecond": 0.07,
                                         "p50Ms": 15.0, "p95Ms": 19.0, "p99Ms": 22.0}}},
                 "cpu": {"commandSideMsPerLine": %s, "querySideMsPerLine": 0.7},
                 "reservationsPerSecond": 55.0,
                 "caughtUpSeconds": 12.5,
                 "store": {"afterDay": {"eventsFile": "ledger.mv.db", "eventsFileBytes": %d, "events": 1000,
                                        "bytesPerEvent": %s, "dataDirBytes": 3221225472},
                           "atEnd": {"eventsFile": "ledger.mv.db", "eventsFileBytes": 5000000, "events": 2000,
                                     "bytesPerEvent": 2500.0, "dataDirBytes": 4294967296}},
                 "freshness": {"rate": 250.0, "probe": {
                    "freshness-availability": {"count": 5, "ok": 5, "p99Ms": %s},
                    "freshness-audit": {"count": 5, "ok": 5, "p99Ms": 40.0}}},
                 "rebuild": {"projection": "positions", "state": "done", "eventsDone": 600000, "seconds": 10.0,
                             "eventsPerSecond": 60000.0, "reportedRate": 61000.0},
                 "memory": {"commandSide": {"VmRSSMiB": 400, "VmHWMMiB": %d, "heap": "used 100M", "heapCap": "-Xmx768m"},
                            "querySide": {"VmRSSMiB": 500, "VmHWMMiB": 550, "heap": "used 200M", "heapCap": "-Xmx1g"}},
                 "invariants": [{"name": "no oversell (reserved <= on hand, available >= 0)", "holds": %s,
                                 "detail": "2000 positions"}],
                 "totalSeconds": 600.0}
                """)
                        .formatted(
                                confirmedLinesPerSecond,
                                commandCpu,
                                commandCpu,
                                eventsFileBytes,
                                eventsFileBytes / 1000.0,
                                freshnessP99,
                                commandPeakMiB,
                                noOversell));
    }

    private static JsonNode good() throws Exception {
        return results(60.0, 80.0, true, 0.5, 3_072_000, 1200);
    }

    @Test
    void reportSaysTheRunFailedAndWhy() throws Exception {
        ObjectNode results = (ObjectNode) good();
        ((ObjectNode) results.at("/day/operations/reserve-single"))
                .put("errors", 1)
                .set("reasons", JSON.readTree("{\"reservation-rejected\": 3, \"error:internal-error\": 1}"));
        ((ObjectNode) results.at("/singleSample/operations/reserve-single"))
                .put("errors", 2)
                .set("reasons", JSON.readTree("{\"error:http-500\": 2}"));
        results.put("passed", false);

        assertThat(PerformanceReport.markdown(results, Path.of("perf-D1.json")))
                .contains(
                        "**The run FAILED**: 1 error in the day (reserve-single: error:internal-error ×1); 2 errors in"
                                + " the single-request sample (reserve-single: error:http-500 ×2).");
    }

    @Test
    void reportSaysTheRunPassed() throws Exception {
        ObjectNode results = (ObjectNode) good();
        results.put("passed", true);

        assertThat(PerformanceReport.markdown(results, Path.of("perf-D1.json"))).contains("**The run PASSED**");
    }

    @Test
    void reportSaysWhichTargetsAreMetWithTheirFigures() throws Exception {
        String report = PerformanceReport.markdown(good(), Path.of("perf-D1.json"));

        assertThat(report)
                .contains("| The day in bulk mode < 10 min | 8.3 min for 250,000 order lines | met |")
                .contains("| Confirmed reservation lines ≥ 0.5× baseline, zero oversell | bulk (up to 100 per"
                        + " request): 60.0 lines/s = 0.600× baseline (100.0 tx/s); one request per line: 170.0"
                        + " lines/s = 1.700×; oversell: none | met |")
                .contains("| Command-side CPU per order line ≤ 0.6 ms in bulk mode | bulk (up to 100 per request):"
                        + " 0.50 ms; one request per line: 2.50 ms | met |")
                .contains("| Event-store growth per event ≤ 4 KB at the end of the day | 3.00 KB per event (2.9 MiB"
                        + " of ledger.mv.db, 1,000 events); data directory 3.00 GiB | met |")
                .contains(
                        "| RSS of each side ≤ 1.5 GiB under its heap cap | commandSide peak 1200 MiB (after the rebuild 400 MiB,"
                                + " -Xmx768m); querySide peak 550 MiB (after the rebuild 500 MiB, -Xmx1g) | met |")
                .contains("availability p99 80.0 ms, audit p99 40.0 ms | met |")
                .contains("60000 events/s (positions, 600000 events) | met |")
                .contains("not measured by this run")
                .contains("Measured once every projection had caught up with the day, 12.5 s after it ended")
                .contains("perf-D1.json");
    }

    @Test
    void reportSaysPlainlyWhichTargetsAreNotMet() throws Exception {
        String report =
                PerformanceReport.markdown(results(20.0, 150.0, false, 0.9, 5_120_000, 1600), Path.of("perf-D1.json"));

        assertThat(report)
                .contains("20.0 lines/s = 0.200× baseline (100.0 tx/s); one request per line: 170.0 lines/s = 1.700×;"
                        + " oversell: FOUND | **not met** |")
                .contains("bulk (up to 100 per request): 0.90 ms; one request per line: 2.50 ms | **not met** |")
                .contains("5.00 KB per event (4.9 MiB of ledger.mv.db, 1,000 events); data directory 3.00 GiB |"
                        + " **not met** |")
                .contains(
                        "commandSide peak 1600 MiB (after the rebuild 400 MiB, -Xmx768m); querySide peak 550 MiB (after the rebuild 500 MiB,"
                                + " -Xmx1g) | **not met** |")
                .contains("availability p99 150.0 ms, audit p99 40.0 ms | **not met** |");
    }

    @Test
    void theRssTargetIsJudgedByThePeakAtTheEndOfTheRun() throws Exception {
        ObjectNode results = (ObjectNode) good();
        results.set(
                "memoryAtEnd",
                JSON.readTree(
                        """
                {"commandSide": {"VmRSSMiB": 700, "VmHWMMiB": 1700}, "querySide": {"VmRSSMiB": 600, "VmHWMMiB": 650}}
                """));

        String report = PerformanceReport.markdown(results, Path.of("perf-D1.json"));

        assertThat(report)
                .contains("commandSide peak 1700 MiB (after the rebuild 400 MiB, -Xmx768m); querySide peak 650 MiB"
                        + " (after the rebuild 500 MiB, -Xmx1g) | **not met** |")
                .contains("| commandSide | -Xmx768m | 400 | 1200 | used 100M | 700 | 1700 |");
    }

    @Test
    void aDayPlayedOneRequestPerOperationDoesNotMeetTheBulkTargets() throws Exception {
        ObjectNode results = (ObjectNode) good();
        ((ObjectNode) results.path("day")).put("mode", "single");
        results.remove("singleSample");

        String report = PerformanceReport.markdown(results, Path.of("perf-D1.json"));

        assertThat(report)
                .contains("| The day in bulk mode < 10 min | the day was played one request per operation: 8.3 min for"
                        + " 250,000 order lines | **not met** |")
                .contains("| Command-side CPU per order line ≤ 0.6 ms in bulk mode | one request per operation: 0.50"
                        + " ms | **not met** |")
                .doesNotContain("## The single-request sample");
    }

    @Test
    void reportShowsTheDayBothWaysWithTheirCpuPerOrderLine() throws Exception {
        String report = PerformanceReport.markdown(good(), Path.of("perf-D1.json"));

        assertThat(report)
                .contains("| Mode | order lines | s | lines/s | confirmed reservation lines/s | × baseline |"
                        + " command-side CPU ms/line | query-side CPU ms/line |")
                .contains("| bulk (up to 100 per request) | 250,000 | 500.0 | 500.0 | 60.0 | 0.600 | 0.50 | 0.70 |")
                .contains("| one request per operation | 20,000 | 100.0 | 200.0 | 170.0 | 1.700 | 2.50 | 1.25 |")
                .contains("## The single-request sample")
                .contains("| reserve-single | 7 | 7 | 0 | 0 |");
    }

    @Test
    void reportShowsTheBulkRequestsOfTheDay() throws Exception {
        String report = PerformanceReport.markdown(good(), Path.of("perf-D1.json"));

        assertThat(report)
                .contains("250,000 order lines in bulk requests of up to 100 operations per client in 500.0 s")
                .contains("| movements-bulk | 40 | 1200 | 30.0 | 0 | 50.0 | 90.0 | 120.0 |")
                .contains("| reservations-bulk | 100 | 9000 | 90.0 | 0 | 70.0 | 110.0 | 150.0 |");
    }

    @Test
    void reportStatesTheFrozenBaselineOnTheLedgersStoreAndTheOldLayoutBesideIt() throws Exception {
        String report = PerformanceReport.markdown(good(), Path.of("perf-D1.json"));

        assertThat(report)
                .contains("Plain JDBC, 16 connections, each transaction one conditional UPDATE of a stock row and one"
                        + " INSERT of an event row")
                .contains("by a `CHECKPOINT SYNC` after its commit")
                .contains("| the ledger's (VARBINARY) | `AUTO_SERVER=TRUE;WRITE_DELAY=10` | yes | **100.0** | 1,000 in"
                        + " 10.0 | 4.0 KB |")
                .contains("| before issue 19 (BLOB) | `AUTO_SERVER=TRUE;WRITE_DELAY=0` | no | **4000.0** | 40,000 in"
                        + " 10.0 | 50.0 KB |");
    }

    @Test
    void reportShowsTheEventStoreAfterTheDayAndAtTheEndAndTheHeapCaps() throws Exception {
        String report = PerformanceReport.markdown(good(), Path.of("perf-D1.json"));

        assertThat(report)
                .contains("| after the day | 2.9 MiB | 1,000 | 3.00 KB | 3.00 GiB |")
                .contains("| at the end of the run | 4.8 MiB | 2,000 | 2.44 KB | 4.00 GiB |")
                .contains("| commandSide | -Xmx768m | 400 | 1200 | used 100M | ? | ? |");
    }

    @Test
    void aReportOfARunBeforeTheModesStillRenders() throws Exception {
        ObjectNode results = (ObjectNode) good();
        results.remove(java.util.List.of("mode", "bulkSize", "singleSample", "store", "baselineBlobLayout"));
        ObjectNode day = (ObjectNode) results.path("day");
        day.remove(java.util.List.of("mode", "bulkSize", "confirmedLinesPerSecond", "cpu", "requests"));

        String report = PerformanceReport.markdown(results, Path.of("perf-D1.json"));

        assertThat(report)
                .contains("one request per operation: 55.0 lines/s = 0.550× baseline")
                .contains("| Event-store growth per event ≤ 4 KB at the end of the day | not measured (no --events-url)"
                        + " | **not met** |");
    }

    @Test
    void reportShowsTheBalanceAsOfOnTheSeededPositionAndSaysHowItWasSeeded() throws Exception {
        ObjectNode results = (ObjectNode) good();
        results.set(
                "balanceAsOf",
                JSON.readTree(
                        """
                {"position": "DEEP-D1@DC1", "events": 100000, "clients": 4, "wrongAnswers": 0, "passed": true,
                 "seeding": "one receipt posted through the API, its event row cloned 99999 times",
                 "seedSeconds": 4.0, "caughtUpSeconds": 30.0,
                 "operations": {"balance-as-of": {"count": 2000, "ok": 2000, "rejected": 0, "errors": 0,
                                                  "perSecond": 100.0, "p50Ms": 4.0, "p95Ms": 9.0, "p99Ms": 15.0}}}
                """));

        String report = PerformanceReport.markdown(results, Path.of("perf-D1.json"));

        assertThat(report)
                .contains(
                        "| Balance as of an instant on a 100,000-event position, p99 ≤ 20 ms | p50 4.0 ms, p95 9.0 ms,"
                                + " p99 15.0 ms over 2000 requests on a 100,000-event position (seeded by cloning, see below);"
                                + " 0 wrong answers, 0 errors | met |")
                .contains("**The position was seeded by cloning one receipt event into the event store, bypassing"
                        + " the API**: one receipt posted through the API, its event row cloned 99999 times")
                .contains("| balance-as-of | 2000 | 2000 | 0 | 0 |")
                .doesNotContain("not measured by this run");

        ((ObjectNode) results.path("balanceAsOf")).put("wrongAnswers", 1).put("passed", false);
        assertThat(PerformanceReport.markdown(results, Path.of("perf-D1.json")))
                .contains("1 wrong answers, 0 errors | **not met** |");
    }

    @Test
    void aNewReportKeepsWhatTheOldFileHoldsFromTheMarkerOn() {
        String previous = "# old report\nold figures\n\n" + PerformanceReport.KEPT_BELOW + "\n\n## By hand\nkept\n";

        String written = PerformanceReport.replacing(previous, "# new report\nnew figures\n");

        assertThat(written)
                .isEqualTo("# new report\nnew figures\n\n" + PerformanceReport.KEPT_BELOW + "\n\n## By hand\nkept\n");
    }

    @Test
    void aFileWithoutTheMarkerIsReplacedWhole() {
        assertThat(PerformanceReport.replacing("# old report\n", "# new report\n"))
                .isEqualTo("# new report\n");
        assertThat(PerformanceReport.replacing(null, "# new report\n")).isEqualTo("# new report\n");
    }
}
