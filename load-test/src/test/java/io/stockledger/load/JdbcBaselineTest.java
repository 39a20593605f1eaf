package io.stockledger.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockledger.store.StorePassword;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcBaselineTest {

    @Test
    void baselineCommitsConditionalUpdatesWithAnEventRowSyncedToDiskOnTheLedgersLayout(@TempDir Path directory)
            throws Exception {
        JdbcBaseline.Result result =
                JdbcBaseline.run(directory, JdbcBaseline.Store.ledger("WRITE_DELAY=100"), 2, Duration.ofMillis(1500));

        assertThat(result.committed()).isPositive();
        assertThat(result.refused()).isZero();
        assertThat(result.perSecond()).isPositive();
        assertThat(result.url()).endsWith("baseline;WRITE_DELAY=100");
        assertThat(result.layout()).isEqualTo(JdbcBaseline.Layout.VARBINARY);
        assertThat(result.syncEachCommit()).isTrue();
        assertThat(result.fileBytes()).isPositive();
        assertThat(result.bytesPerEvent()).isPositive();
        try (Connection connection =
                        DriverManager.getConnection(result.url(), StorePassword.USER, StorePassword.of(directory));
                ResultSet columns = connection
                        .createStatement()
                        .executeQuery("SELECT DATA_TYPE FROM INFORMATION_SCHEMA.COLUMNS"
                                + " WHERE TABLE_NAME = 'EVENT_ENTRY' AND COLUMN_NAME = 'PAYLOAD'")) {
            assertThat(columns.next()).isTrue();
            assertThat(columns.getString(1)).isEqualTo("BINARY VARYING");
        }
    }

    @Test
    void theOldBaselineKeepsTheBlobLayoutAndWritesEveryCommitWithoutAnExplicitSync(@TempDir Path directory)
            throws Exception {
        JdbcBaseline.Result result =
                JdbcBaseline.run(directory, JdbcBaseline.Store.blobLayout(), 2, Duration.ofMillis(1500));

        assertThat(result.committed()).isPositive();
        assertThat(result.url()).contains("WRITE_DELAY=0");
        assertThat(result.layout()).isEqualTo(JdbcBaseline.Layout.BLOB);
        assertThat(result.syncEachCommit()).isFalse();
    }

    @Test
    void theLedgersEventTableHasNoUniqueIndexOnTheEventId() {
        assertThat(JdbcBaseline.eventTable(JdbcBaseline.Layout.VARBINARY))
                .contains("payload VARBINARY NOT NULL", "meta_data VARBINARY")
                .doesNotContain("event_identifier VARCHAR(255) NOT NULL UNIQUE");
        assertThat(JdbcBaseline.eventTable(JdbcBaseline.Layout.BLOB))
                .contains("payload BLOB NOT NULL", "event_identifier VARCHAR(255) NOT NULL UNIQUE");
    }
}
