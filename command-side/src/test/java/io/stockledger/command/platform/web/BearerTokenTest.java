package io.stockledger.command.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import io.stockledger.api.common.Principal;
import io.stockledger.api.stock.StockReceived;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Production authentication: a JWT of the configured issuer (here a key of the test's own instead of an issuer's
 * JWKS), its {@code roles} claim holding the roles and its subject recorded as the principal.
 */
@SpringBootTest(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:bearer-${random.uuid};DB_CLOSE_DELAY=-1",
            "stockledger.test.default-credentials=false"
        })
@AutoConfigureMockMvc
class BearerTokenTest {

    private static final RSAKey KEY = rsaKey();

    @TestConfiguration
    static class Issuer {

        @Bean
        JwtDecoder jwtDecoder() throws Exception {
            return NimbusJwtDecoder.withPublicKey(KEY.toRSAPublicKey()).build();
        }
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    EventStore eventStore;

    @Test
    void aTokenWithTheWriterRoleRecordsItsSubjectAsThePrincipal() throws Exception {
        String sku = "SKU-" + UUID.randomUUID().toString().substring(0, 8);

        MockHttpServletResponse answer = receive(sku, token("svc-wms", List.of("writer")));

        assertThat(answer.getStatus()).isEqualTo(201);
        assertThat(eventStore.readEvents(sku + "@WH-1").asStream().map(DomainEventMessage::getPayload))
                .singleElement()
                .isInstanceOfSatisfying(StockReceived.class, received -> assertThat(
                                received.movement().origin().principal())
                        .isEqualTo(Principal.of("svc-wms")));
    }

    @Test
    void aTokenWithoutTheRoleIsForbidden() throws Exception {
        MockHttpServletResponse answer = receive("SKU-NO", token("shop", List.of("channel")));

        assertThat(answer.getStatus()).isEqualTo(403);
        assertThat(answer.getContentAsString()).contains("urn:stockledger:problem:forbidden");
    }

    @Test
    void aTokenOfAnotherIssuerIsUnauthorized() throws Exception {
        MockHttpServletResponse answer = receive(
                "SKU-NO",
                "Bearer "
                        + encoder(rsaKey())
                                .encode(parameters("x", List.of("writer")))
                                .getTokenValue());

        assertThat(answer.getStatus()).isEqualTo(401);
        assertThat(answer.getContentAsString()).contains("urn:stockledger:problem:unauthorized");
        assertThat(answer.getHeaders(HttpHeaders.WWW_AUTHENTICATE)).contains("Bearer");
    }

    private MockHttpServletResponse receive(String sku, String authorization) throws Exception {
        String body =
                """
                {"movementId":"rcpt-%s","sku":"%s","location":"WH-1","quantity":5,
                 "occurredAt":"2026-11-20T09:00:00Z","sourceSystem":"wms","reference":{"type":"ASN","number":"1"}}"""
                        .formatted(UUID.randomUUID(), sku);
        return mvc.perform(post("/api/v1/movements/receipts")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body)
                        .header(HttpHeaders.AUTHORIZATION, authorization))
                .andReturn()
                .getResponse();
    }

    private static String token(String subject, List<String> roles) {
        return "Bearer " + encoder(KEY).encode(parameters(subject, roles)).getTokenValue();
    }

    private static JwtEncoderParameters parameters(String subject, List<String> roles) {
        Instant now = Instant.now();
        return JwtEncoderParameters.from(JwtClaimsSet.builder()
                .subject(subject)
                .issuer("https://issuer.example")
                .issuedAt(now)
                .expiresAt(now.plusSeconds(300))
                .claim("roles", roles)
                .build());
    }

    private static NimbusJwtEncoder encoder(RSAKey key) {
        return new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
    }

    private static RSAKey rsaKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            var pair = generator.generateKeyPair();
            return new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                    .privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(UUID.randomUUID().toString())
                    .build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
