package io.stockledger.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcBaselineTest {

    @Test
    void baselineCommitsConditionalUpdatesWithAnEventRowOnADurableH2File(@TempDir Path directory) throws Exception {
        JdbcBaseline.Result result = JdbcBaseline.run(directory, 2, Duration.ofMillis(500));

        assertThat(result.committed()).isPositive();
        assertThat(result.refused()).isZero();
        assertThat(result.perSecond()).isPositive();
        assertThat(result.url()).contains("WRITE_DELAY=0");
        assertThat(directory.resolve("baseline.mv.db")).exists();
    }
}
