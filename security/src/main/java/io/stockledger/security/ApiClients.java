package io.stockledger.security;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The API clients that may authenticate with HTTP Basic: configured ones ({@code stockledger.security.clients}), or
 * else those of the clients file in the data directory, which the first side to start without either creates:
 * one client per role and {@code admin} with every role, random secrets printed once, only their hashes stored.
 */
final class ApiClients {

    /** One client: its id (the principal recorded on what it does), its secret's hash, its roles. */
    record Client(String id, String secretHash, Set<Role> roles) {}

    /** A client as configured: {@code secret} is a hash with its encoder's prefix ({@code {bcrypt}...}). */
    public record Configured(String secret, List<String> roles) {}

    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiClients() {}

    static List<Client> configured(Map<String, Configured> clients) {
        List<Client> result = new ArrayList<>();
        clients.forEach((id, client) -> {
            if (client.secret() == null || client.secret().isBlank()) {
                throw new IllegalStateException("stockledger.security.clients." + id + ".secret is missing");
            }
            result.add(new Client(id, client.secret(), roles(id, client.roles())));
        });
        return result;
    }

    /** The clients of the file, created with new secrets (printed to standard output once) when it is missing. */
    static List<Client> fromFile(Path file, PasswordEncoder encoder) {
        if (!Files.exists(file)) {
            create(file, encoder);
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the API clients file " + file, e);
        }
        Set<String> ids = properties.stringPropertyNames().stream()
                .filter(name -> name.endsWith(".secret"))
                .map(name -> name.substring(0, name.length() - ".secret".length()))
                .collect(Collectors.toCollection(TreeSet::new));
        return ids.stream()
                .map(id -> new Client(
                        id,
                        properties.getProperty(id + ".secret"),
                        roles(
                                id,
                                Arrays.asList(properties
                                        .getProperty(id + ".roles", "")
                                        .split(",")))))
                .toList();
    }

    /**
     * Writes a new file under a temporary name and links it into place, which fails when another process (the
     * other side, started at the same moment) was first: then its clients are the ones, and only it prints them.
     */
    private static void create(Path file, PasswordEncoder encoder) {
        Map<String, Set<Role>> clients = new LinkedHashMap<>();
        for (Role role : Role.values()) {
            clients.put(role.id(), role == Role.ADMIN ? EnumSet.allOf(Role.class) : EnumSet.of(role));
        }
        Map<String, String> secrets = new LinkedHashMap<>();
        StringBuilder text = new StringBuilder()
                .append("# Stockledger API clients, created on first start. Only hashes of the secrets are kept;\n")
                .append("# delete this file (with both sides stopped) to create new clients and secrets.\n");
        clients.forEach((id, roles) -> {
            String secret = secret();
            secrets.put(id, secret);
            text.append(id)
                    .append(".secret=")
                    .append(encoder.encode(secret))
                    .append('\n')
                    .append(id)
                    .append(".roles=")
                    .append(roles.stream().map(Role::id).collect(Collectors.joining(",")))
                    .append('\n');
        });
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), "clients", ".tmp");
            try {
                restrict(temporary);
                Files.writeString(temporary, text.toString(), StandardCharsets.ISO_8859_1);
                Files.createLink(file, temporary);
            } catch (FileAlreadyExistsException raced) {
                return;
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the API clients file " + file, e);
        }
        printOnce(file, clients, secrets);
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // the file system has no POSIX permissions (Windows): the directory's own access rules apply
        }
    }

    private static void printOnce(Path file, Map<String, Set<Role>> clients, Map<String, String> secrets) {
        StringBuilder banner = new StringBuilder("\n")
                .append(BANNER_START)
                .append("\n  Stockledger created these API clients (HTTP Basic, client id and secret). The secrets\n")
                .append("  are shown this once; only their hashes are kept, in ")
                .append(file.toAbsolutePath().normalize())
                .append("\n\n");
        clients.forEach((id, roles) -> banner.append(String.format(
                "  %-8s %s   roles: %s%n",
                id, secrets.get(id), roles.stream().map(Role::id).collect(Collectors.joining(",")))));
        banner.append("\n  e.g.  curl -u admin:")
                .append(secrets.get(Role.ADMIN.id()))
                .append(" http://localhost:8082/api/v1/positions\n")
                .append(BANNER_END)
                .append('\n');
        System.out.println(banner);
    }

    /** The lines that enclose the printed secrets, for scripts that show them (./stockledger up). */
    static final String BANNER_START = "==== Stockledger API clients ====";

    static final String BANNER_END = "==== end of Stockledger API clients ====";

    private static String secret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Set<Role> roles(String id, List<String> names) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : names) {
            if (name.isBlank()) {
                continue;
            }
            roles.add(Role.of(name)
                    .orElseThrow(() -> new IllegalStateException(
                            "API client " + id + " has an unknown role '" + name + "'; the roles are "
                                    + Arrays.toString(Role.values()).toLowerCase())));
        }
        return roles;
    }
}
