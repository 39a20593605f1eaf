package io.stockledger.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class StorePasswordTest {

    @TempDir
    Path data;

    @Test
    void theFirstStartMakesARandomPasswordThatEveryLaterStartReads() {
        String first = StorePassword.of(data);

        assertThat(first).hasSizeGreaterThanOrEqualTo(32);
        assertThat(StorePassword.of(data)).isEqualTo(first);
        assertThat(Files.exists(data.resolve(StorePassword.FILE))).isTrue();
    }

    @Test
    void eachDataDirectoryHasAPasswordOfItsOwn(@TempDir Path other) {
        assertThat(StorePassword.of(data)).isNotEqualTo(StorePassword.of(other));
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void onlyItsOwnerMayReadThePasswordFile() throws Exception {
        StorePassword.of(data);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(StorePassword.FILE))))
                .isEqualTo("rw-------");
    }

    @Test
    void aDataDirectoryThatDoesNotExistYetIsCreated() {
        Path fresh = data.resolve("not/yet");

        String password = StorePassword.of(fresh);

        assertThat(StorePassword.find(fresh, Map.of())).isEqualTo(password);
    }

    @Test
    void twoSidesStartingAtOnceGetTheSamePassword() throws Exception {
        ExecutorService sides = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> passwords = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                passwords.add(sides.submit((Callable<String>) () -> StorePassword.of(data)));
            }
            String first = passwords.get(0).get();
            for (Future<String> password : passwords) {
                assertThat(password.get()).isEqualTo(first);
            }
        } finally {
            sides.shutdownNow();
        }
        try (var left = Files.list(data)) {
            assertThat(left).containsExactly(data.resolve(StorePassword.FILE));
        }
    }

    @Test
    void toolsFindTheDataDirectorysPasswordAndCreateNothing() {
        assertThat(StorePassword.find(data, Map.of())).isEmpty();
        assertThat(Files.exists(data.resolve(StorePassword.FILE))).isFalse();

        String password = StorePassword.of(data);

        assertThat(StorePassword.find(data, Map.of())).isEqualTo(password);
    }

    @Test
    void theEnvironmentReplacesTheFileForTools() {
        StorePassword.of(data);

        assertThat(StorePassword.find(data, Map.of(StorePassword.ENVIRONMENT, "from-the-environment")))
                .isEqualTo("from-the-environment");
        assertThat(StorePassword.find(data, Map.of(StorePassword.ENVIRONMENT, "")))
                .isEqualTo(StorePassword.of(data));
    }

    @Test
    void toolsFindThePasswordOfADatabaseInTheDataDirectoryItLiesIn() {
        String password = StorePassword.of(data);

        assertThat(StorePassword.findFor(
                        "jdbc:h2:file:" + data.resolve("events/ledger") + ";AUTO_SERVER=TRUE", Map.of()))
                .isEqualTo(password);
        assertThat(StorePassword.findFor("jdbc:h2:file:" + data.resolve("query.embedded/projections"), Map.of()))
                .isEqualTo(password);
        assertThat(StorePassword.findFor("jdbc:h2:tcp://localhost:9092/ledger", Map.of()))
                .isEmpty();
        assertThat(StorePassword.findFor(
                        "jdbc:h2:tcp://localhost:9092/ledger",
                        Map.of(StorePassword.ENVIRONMENT, "from-the-environment")))
                .isEqualTo("from-the-environment");
    }

    @Test
    void aConfiguredPasswordReplacesTheFileAndMakesNone() {
        assertThat(StorePassword.forUrl("jdbc:h2:file:" + data.resolve("events/ledger"), "configured", data))
                .isEqualTo("configured");
        assertThat(Files.exists(data.resolve(StorePassword.FILE))).isFalse();
    }

    @Test
    void everyH2DatabaseButAnInMemoryOneGetsTheDataDirectorysPassword() {
        String password =
                StorePassword.forUrl("jdbc:h2:file:" + data.resolve("events/ledger") + ";AUTO_SERVER=TRUE", "", data);

        assertThat(password).isEqualTo(StorePassword.of(data));
        assertThat(StorePassword.forUrl("jdbc:h2:tcp://localhost:9092/ledger", null, data))
                .isEqualTo(password);
        assertThat(StorePassword.forUrl("jdbc:h2:mem:tests;DB_CLOSE_DELAY=-1", "", data))
                .isEmpty();
        assertThat(StorePassword.forUrl("jdbc:postgresql://localhost/ledger", "", data))
                .isEmpty();
    }

    @Test
    void aPasswordFileWithoutAPasswordIsAnError() throws Exception {
        Files.writeString(data.resolve(StorePassword.FILE), "# emptied by hand\n");

        assertThatThrownBy(() -> StorePassword.of(data))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(StorePassword.FILE);
    }

    @Test
    void theDataDirectoryOfALedgerFileIsTwoLevelsAboveIt() {
        assertThat(StorePassword.dataDirectoryOf("jdbc:h2:file:/srv/ledger/data/events/ledger;AUTO_SERVER=TRUE"))
                .contains(Path.of("/srv/ledger/data"));
        assertThat(StorePassword.dataDirectoryOf("jdbc:h2:file:/srv/ledger/data/query.embedded/projections"))
                .contains(Path.of("/srv/ledger/data"));
        assertThat(StorePassword.dataDirectoryOf("jdbc:h2:mem:events")).isEmpty();
    }
}
