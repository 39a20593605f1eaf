package io.stockledger.e2e;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * The API client the tests speak as: configured on both sides through their environment (so no clients file is
 * created), with every role and a new secret per test run. {@link Http}, {@link Sse} and the harness send it on
 * every request that does not carry credentials of its own.
 */
final class TestClient {

    static final String ID = "e2e";
    private static final String SECRET = UUID.randomUUID().toString();

    private TestClient() {}

    /** The client's secret, for a test that signs in as it (the console's). */
    static String secret() {
        return SECRET;
    }

    /** The {@code Authorization} header value of the client. */
    static String authorization() {
        return "Basic " + Base64.getEncoder().encodeToString((ID + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
    }

    /** The client as {@code id:secret}, the form the load generator's {@code --credentials} takes. */
    static String credentials() {
        return ID + ":" + SECRET;
    }

    /**
     * The environment that configures the client on a side ({@code stockledger.security.clients.e2e.*}), without
     * a rate limit.
     */
    static Map<String, String> environment() {
        return Map.of(
                "STOCKLEDGER_SECURITY_CLIENTS_E2E_SECRET",
                "{noop}" + SECRET,
                "STOCKLEDGER_SECURITY_CLIENTS_E2E_ROLES",
                "writer,channel,auditor,finance,admin");
    }
}
