package io.stockledger.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DistributorDayTest {

    @Test
    void theHeapCapIsTheLastXmxBeforeTheJar() {
        assertThat(DistributorDay.heapCap(List.of("java", "-Xmx768m", "-Xmx512m", "-jar", "x.jar", "-Xmx9g")))
                .isEqualTo("-Xmx512m");
        assertThat(DistributorDay.heapCap(List.of("java", "-jar", "x.jar"))).isEqualTo("JVM default (no -Xmx)");
    }

    @Test
    void theEventFileIsTheH2FileOfTheEventsUrl() {
        assertThat(DistributorDay.eventsFile("jdbc:h2:file:/tmp/d/events/ledger;AUTO_SERVER=TRUE"))
                .isEqualTo(Path.of("/tmp/d/events/ledger.mv.db"));
        assertThat(DistributorDay.eventsFile("jdbc:h2:file:/tmp/d/events/ledger"))
                .isEqualTo(Path.of("/tmp/d/events/ledger.mv.db"));
        assertThat(DistributorDay.eventsFile(null)).isNull();
        assertThat(DistributorDay.eventsFile("jdbc:postgresql://db/ledger")).isNull();
    }

    @Test
    void aBulkRequestsRowSaysTheItemsItsRequestsCarried() {
        Stats requests = new Stats();
        requests.ok(BulkPlay.RESERVATIONS_REQUESTS, 5_000_000);
        requests.ok(BulkPlay.RESERVATIONS_REQUESTS, 7_000_000);
        requests.of(BulkPlay.RESERVATIONS_REQUESTS).items.add(150);
        requests.ok("fulfil", 1_000_000);

        Map<String, Object> operations = DistributorDay.operations(requests, 1.0);

        @SuppressWarnings("unchecked")
        Map<String, Object> reservations = (Map<String, Object>) operations.get(BulkPlay.RESERVATIONS_REQUESTS);
        @SuppressWarnings("unchecked")
        Map<String, Object> fulfil = (Map<String, Object>) operations.get("fulfil");
        assertThat(reservations).containsEntry("count", 2L).containsEntry("items", 150L);
        assertThat(fulfil).doesNotContainKey("items");
    }

    @Test
    void theDataDirectorysSizeIsItsFilesSizes(@TempDir Path directory) throws Exception {
        Files.write(directory.resolve("a"), new byte[100]);
        Files.createDirectories(directory.resolve("events"));
        Files.write(directory.resolve("events/b"), new byte[23]);

        assertThat(DistributorDay.treeSize(directory)).isEqualTo(123);
    }

    @Test
    void theDayIsPlayedOneRequestPerOperationUnlessBulkIsAsked() {
        DistributorDay day = new DistributorDay();
        new CommandLine(day).parseArgs();
        assertThat(day.mode).isEqualTo(DistributorDay.Mode.single);
        assertThat(day.bulkSize).isEqualTo(100);
        assertThat(day.singleSampleLines).isEqualTo(20_000);
        assertThat(day.baselineSettings).isEqualTo(JdbcBaseline.LEDGER_SETTINGS);

        new CommandLine(day).parseArgs("--mode=bulk", "--bulk-size=250", "--baseline-settings=WRITE_DELAY=5");
        assertThat(day.mode).isEqualTo(DistributorDay.Mode.bulk);
        assertThat(day.bulkSize).isEqualTo(250);
        assertThat(day.baselineSettings).isEqualTo("WRITE_DELAY=5");
    }
}
