package io.stockledger.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PerformanceReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode results(double reservationsPerSecond, double freshnessP99, boolean noOversell)
            throws Exception {
        return JSON.readTree(
                ("""
                {"runId": "D1", "finishedAt": "2026-11-23T22:00:00Z",
                 "machine": {"cores": 2, "memoryMiB": 8000, "os": "Linux amd64", "java": "OpenJDK 17", "loadAverage": 1.5},
                 "baseline": {"committed": 1000, "refused": 0, "seconds": 10.0, "clients": 16, "url": "jdbc:h2:file:x;WRITE_DELAY=0"},
                 "dawnSeconds": 3.0,
                 "day": {"orderLines": 250000, "seconds": 500.0, "operations": {
                    "reserve-single": {"count": 10, "ok": 10, "rejected": 0, "errors": 0, "perSecond": 2.0,
                                       "p50Ms": 5.0, "p95Ms": 9.0, "p99Ms": 12.0}}},
                 "reservationsPerSecond": %s,
                 "caughtUpSeconds": 12.5,
                 "freshness": {"rate": 250.0, "probe": {
                    "freshness-availability": {"count": 5, "ok": 5, "p99Ms": %s},
                    "freshness-audit": {"count": 5, "ok": 5, "p99Ms": 40.0}}},
                 "rebuild": {"projection": "positions", "state": "done", "eventsDone": 600000, "seconds": 10.0,
                             "eventsPerSecond": 60000.0, "reportedRate": 61000.0},
                 "memory": {"commandSide": {"VmRSSMiB": 400, "VmHWMMiB": 450, "heap": "used 100M"},
                            "querySide": {"VmRSSMiB": 500, "VmHWMMiB": 550, "heap": "used 200M"}},
                 "invariants": [{"name": "no oversell (reserved <= on hand, available >= 0)", "holds": %s,
                                 "detail": "2000 positions"}],
                 "totalSeconds": 600.0}
                """)
                        .formatted(reservationsPerSecond, freshnessP99, noOversell));
    }

    @Test
    void reportSaysTheRunFailedAndWhy() throws Exception {
        ObjectNode results = (ObjectNode) results(60.0, 80.0, true);
        ((ObjectNode) results.at("/day/operations/reserve-single"))
                .put("errors", 1)
                .set("reasons", JSON.readTree("{\"reservation-rejected\": 3, \"error:internal-error\": 1}"));
        results.put("passed", false);

        assertThat(PerformanceReport.markdown(results, Path.of("perf-D1.json")))
                .contains("**The run FAILED**: 1 error in the day (reserve-single: error:internal-error ×1).");
    }

    @Test
    void reportSaysTheRunPassed() throws Exception {
        ObjectNode results = (ObjectNode) results(60.0, 80.0, true);
        results.put("passed", true);

        assertThat(PerformanceReport.markdown(results, Path.of("perf-D1.json"))).contains("**The run PASSED**");
    }

    @Test
    void reportSaysWhichTargetsAreMetWithTheirFigures() throws Exception {
        String report = PerformanceReport.markdown(results(60.0, 80.0, true), Path.of("perf-D1.json"));

        assertThat(report)
                .contains("| Reservations sustained ≥ 0.5× baseline, zero oversell | 60.0/s = 0.600× baseline (100.0"
                        + " tx/s); oversell: none | met |")
                .contains("availability p99 80.0 ms, audit p99 40.0 ms | met |")
                .contains("60000 events/s (positions, 600000 events) | met |")
                .contains("8.3 min for 250,000 order lines | met |")
                .contains("not measured by this run")
                .contains("Measured once every projection had caught up with the day, 12.5 s after it ended")
                .contains("perf-D1.json");
    }

    @Test
    void reportSaysPlainlyWhichTargetsAreNotMet() throws Exception {
        String report = PerformanceReport.markdown(results(20.0, 150.0, false), Path.of("perf-D1.json"));

        assertThat(report)
                .contains("20.0/s = 0.200× baseline (100.0 tx/s); oversell: FOUND | **not met** |")
                .contains("availability p99 150.0 ms, audit p99 40.0 ms | **not met** |");
    }

    @Test
    void reportShowsTheBalanceAsOfOnTheSeededPositionAndSaysHowItWasSeeded() throws Exception {
        ObjectNode results = (ObjectNode) results(60.0, 80.0, true);
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
}
