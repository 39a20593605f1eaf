package io.stockledger.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

class ApiClientsTest {

    private static final Pattern PRINTED = Pattern.compile("(?m)^  (\\w+)\\s+(\\S+)\\s+roles: (\\S+)$");

    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    @TempDir
    Path data;

    @Test
    void createsOneClientPerRoleAndAnAdminWithEveryRoleOnFirstStart() throws Exception {
        Path file = data.resolve("clients.properties");

        String printed = printed(() -> ApiClients.fromFile(file, encoder));
        List<ApiClients.Client> clients = ApiClients.fromFile(file, encoder);

        assertThat(clients)
                .extracting(ApiClients.Client::id)
                .containsExactlyInAnyOrder("writer", "channel", "auditor", "finance", "admin");
        assertThat(clients)
                .filteredOn(client -> client.id().equals("admin"))
                .singleElement()
                .satisfies(admin -> assertThat(admin.roles()).isEqualTo(EnumSet.allOf(Role.class)));
        assertThat(clients)
                .filteredOn(client -> client.id().equals("writer"))
                .singleElement()
                .satisfies(writer -> assertThat(writer.roles()).containsExactly(Role.WRITER));
        assertThat(printed).contains(ApiClients.BANNER_START, ApiClients.BANNER_END, file.toString());
        Matcher secrets = PRINTED.matcher(printed);
        int count = 0;
        String stored = Files.readString(file);
        while (secrets.find()) {
            count++;
            String id = secrets.group(1);
            String secret = secrets.group(2);
            String hash = clients.stream()
                    .filter(client -> client.id().equals(id))
                    .findFirst()
                    .orElseThrow()
                    .secretHash();
            assertThat(hash).startsWith("{bcrypt}");
            assertThat(encoder.matches(secret, hash))
                    .as("the printed secret of %s", id)
                    .isTrue();
            assertThat(stored).as("the stored file").doesNotContain(secret);
        }
        assertThat(count).isEqualTo(5);
    }

    @Test
    void keepsTheClientsOfTheFileAndPrintsNoSecretOnTheNextStart() throws Exception {
        Path file = data.resolve("clients.properties");
        printed(() -> ApiClients.fromFile(file, encoder));
        String before = Files.readString(file);

        String printed = printed(() -> ApiClients.fromFile(file, encoder));

        assertThat(printed).isEmpty();
        assertThat(Files.readString(file)).isEqualTo(before);
    }

    @Test
    void configuredClientsNeedASecretAndKnownRoles() {
        assertThat(ApiClients.configured(Map.of("wms", new ApiClients.Configured("{noop}s", List.of("writer")))))
                .singleElement()
                .satisfies(client -> assertThat(client.roles()).containsExactly(Role.WRITER));
        assertThatThrownBy(() -> ApiClients.configured(
                        Map.of("wms", new ApiClients.Configured("{noop}s", List.of("superuser")))))
                .hasMessageContaining("unknown role 'superuser'");
        assertThatThrownBy(() -> ApiClients.configured(Map.of("wms", new ApiClients.Configured("", List.of()))))
                .hasMessageContaining("stockledger.security.clients.wms.secret is missing");
    }

    @Test
    void remembersOnlySecretsThatMatched() {
        RememberedSecrets secrets = new RememberedSecrets(encoder);
        String hash = secrets.encode("right");

        assertThat(secrets.matches("right", hash)).isTrue();
        assertThat(secrets.matches("right", hash)).isTrue();
        assertThat(secrets.matches("wrong", hash)).isFalse();
        assertThat(secrets.matches("right", secrets.encode("other"))).isFalse();
    }

    private static String printed(Runnable action) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
