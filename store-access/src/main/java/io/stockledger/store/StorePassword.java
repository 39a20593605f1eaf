package io.stockledger.store;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The password of the ledger's H2 databases in a data directory (the event store, the projections), as user
 * {@value #USER}. The first process to need it makes a random one and keeps it in {@code <data>/}{@value #FILE},
 * readable by its owner only, so that no database the ledger creates takes the empty password and nobody has to set
 * one up; both sides and the tools read it from there. {@value #ENVIRONMENT} (the sides' {@code
 * stockledger.store.password}) replaces it.
 */
public final class StorePassword {

    /** The user every process opens the ledger's H2 databases as: their administrator, made with each database. */
    public static final String USER = "sa";

    /** The file in the data directory that keeps the password. */
    public static final String FILE = "store.password";

    /** The environment variable that replaces the file's password. */
    public static final String ENVIRONMENT = "STOCKLEDGER_STORE_PASSWORD";

    private static final String KEY = "password";

    private static final SecureRandom RANDOM = new SecureRandom();

    private StorePassword() {}

    /** The data directory's password, from its file; a new random one, in a new file, when there is none yet. */
    public static String of(Path dataDirectory) {
        Path file = dataDirectory.resolve(FILE);
        return read(file).orElseGet(() -> create(file));
    }

    /**
     * The password a tool opens a data directory's databases with, creating nothing: {@value #ENVIRONMENT}, else the
     * file's, else the empty one (no side has started on the directory since databases have a password, so its
     * databases still take the empty one).
     */
    public static String find(Path dataDirectory) {
        return find(dataDirectory, System.getenv());
    }

    static String find(Path dataDirectory, Map<String, String> environment) {
        String configured = environment.get(ENVIRONMENT);
        if (configured != null && !configured.isEmpty()) {
            return configured;
        }
        return read(dataDirectory.resolve(FILE)).orElse("");
    }

    /**
     * The password a tool opens one of the ledger's databases with, named by its URL: {@link #find} in the data
     * directory it lies in ({@link #dataDirectoryOf}); for a URL that names no file, {@value #ENVIRONMENT} or the
     * empty password.
     */
    public static String findFor(String url) {
        return findFor(url, System.getenv());
    }

    static String findFor(String url, Map<String, String> environment) {
        return dataDirectoryOf(url)
                .map(data -> find(data, environment))
                .orElseGet(() -> environment.getOrDefault(ENVIRONMENT, ""));
    }

    /**
     * The password a side opens {@code url} with: {@code configured} unless it is empty; else, for an H2 database
     * that is not in memory, the data directory's ({@link #of}); else the empty one (an in-memory database of the
     * tests, which no other process can reach).
     */
    public static String forUrl(String url, String configured, Path dataDirectory) {
        if (configured != null && !configured.isEmpty()) {
            return configured;
        }
        return isStore(url) ? of(dataDirectory) : "";
    }

    /** Whether {@code url} names an H2 database another process may reach: any but an in-memory one. */
    public static boolean isStore(String url) {
        return url != null && url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:");
    }

    /**
     * The data directory of one of the ledger's H2 files, named by its URL: two levels above the file ({@code
     * jdbc:h2:file:<data>/events/ledger;…}, {@code <data>/query/projections}).
     */
    public static Optional<Path> dataDirectoryOf(String url) {
        if (url == null || !url.startsWith("jdbc:h2:file:")) {
            return Optional.empty();
        }
        String name = url.substring("jdbc:h2:file:".length());
        int settings = name.indexOf(';');
        Path file = Path.of(settings < 0 ? name : name.substring(0, settings)).toAbsolutePath();
        return Optional.ofNullable(file.getParent()).map(Path::getParent);
    }

    private static Optional<String> read(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException none) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the store password file " + file, e);
        }
        String password = properties.getProperty(KEY, "");
        if (password.isEmpty()) {
            throw new IllegalStateException("the store password file " + file + " has no " + KEY + "=…");
        }
        return Optional.of(password);
    }

    /**
     * Writes a new file under a temporary name and links it into place, which fails when another process (the other
     * side, started at the same moment) was first: then its password is the one.
     */
    private static String create(Path file) {
        String password = secret();
        String text =
                "# The password of this data directory's H2 databases (user " + USER + "), made on the first start;\n"
                        + "# both sides and the tools read it here. " + ENVIRONMENT + " replaces it.\n"
                        + KEY + "=" + password + "\n";
        Path directory = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, "store", ".tmp");
            try {
                restrict(temporary);
                Files.writeString(temporary, text, StandardCharsets.ISO_8859_1);
                Files.createLink(file, temporary);
            } catch (FileAlreadyExistsException raced) {
                return read(file).orElseThrow();
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the store password file " + file, e);
        }
        return password;
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // the file system has no POSIX permissions (Windows): the directory's own access rules apply
        }
    }

    private static String secret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
