package io.stockledger.security;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code stockledger.security.*}: the API clients of HTTP Basic, when configured (else the clients file of the data
 * directory, created on first start), and how a JWT names its subject and roles when
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} (or {@code jwk-set-uri}) is set.
 *
 * @param clients client id to its secret's hash ({@code {bcrypt}$2a$...}) and roles
 * @param jwt the claims of a bearer token that name the principal and hold its roles
 * @param rateLimit how many requests one client may send
 */
@ConfigurationProperties("stockledger.security")
public record SecuritySettings(
        Map<String, ApiClients.Configured> clients, @DefaultValue Jwt jwt, @DefaultValue RateLimit rateLimit) {

    public SecuritySettings {
        clients = clients == null ? Map.of() : Map.copyOf(clients);
    }

    /**
     * @param principalClaim the claim recorded as the acting principal
     * @param rolesClaim the claim that lists the roles (a list of strings or a space-separated string)
     */
    public record Jwt(@DefaultValue("sub") String principalClaim, @DefaultValue("roles") String rolesClaim) {}

    /**
     * @param enabled whether requests are limited per client at all
     * @param requestsPerSecond the sustained rate one client may send
     * @param capacity the burst one client may send at once
     */
    public record RateLimit(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("1000") long requestsPerSecond,
            @DefaultValue("2000") long capacity) {

        public RateLimit {
            if (enabled && (requestsPerSecond < 1 || capacity < 1)) {
                throw new IllegalArgumentException(
                        "stockledger.security.rate-limit.requests-per-second and .capacity must be at least 1");
            }
        }
    }
}
