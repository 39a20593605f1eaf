package io.stockledger.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The delegating encoder ({@code {bcrypt}}, {@code {pbkdf2}}, ...), remembering the secrets it has verified: HTTP
 * Basic sends the secret with every request, and a bcrypt check costs tens of milliseconds of CPU each time. Only a
 * SHA-256 digest of a verified secret with its hash is kept, in memory.
 */
final class RememberedSecrets implements PasswordEncoder {

    private static final int LIMIT = 10_000;

    private final PasswordEncoder delegate;
    private final Map<String, Boolean> verified = new ConcurrentHashMap<>();

    RememberedSecrets(PasswordEncoder delegate) {
        this.delegate = delegate;
    }

    @Override
    public String encode(CharSequence secret) {
        return delegate.encode(secret);
    }

    @Override
    public boolean matches(CharSequence secret, String hash) {
        if (secret == null || hash == null) {
            return false;
        }
        String key = digest(secret + "\n" + hash);
        if (verified.containsKey(key)) {
            return true;
        }
        boolean matches = delegate.matches(secret, hash);
        if (matches) {
            if (verified.size() >= LIMIT) {
                verified.clear();
            }
            verified.put(key, Boolean.TRUE);
        }
        return matches;
    }

    @Override
    public boolean upgradeEncoding(String hash) {
        return false;
    }

    private static String digest(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
