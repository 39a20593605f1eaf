package io.stockledger.security;

import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import jakarta.servlet.DispatcherType;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * The security of a side's HTTP API. Health is open; the API description needs any principal; every other request
 * needs one of the roles its side's {@link AccessMatrix} names, and {@link Role#ADMIN} where no entry matches.
 * Callers authenticate with HTTP Basic as an API client or, when a JWT issuer is configured, with a bearer token.
 * Stateless: no session, no CSRF token (no cookies are ever issued).
 */
@AutoConfiguration(
        before = {
            SecurityAutoConfiguration.class,
            UserDetailsServiceAutoConfiguration.class,
            OAuth2ResourceServerAutoConfiguration.class
        })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
@EnableConfigurationProperties(SecuritySettings.class)
@Import(RejectedRequests.class)
public class ApiSecurity {

    private static final Logger log = LoggerFactory.getLogger(ApiSecurity.class);

    /** Tomcat's own refusals (before Spring sees the request) as problems, not HTML pages. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> containerProblems() {
        return ContainerProblems.installer();
    }

    @Bean
    SecurityFilterChain apiSecurityFilterChain(
            HttpSecurity http,
            ObjectProvider<AccessMatrix> matrices,
            ObjectProvider<JwtDecoder> jwtDecoders,
            SecuritySettings settings,
            ProblemMeter meter)
            throws Exception {
        AccessMatrix matrix =
                matrices.getIfAvailable(() -> AccessMatrix.builder().build());
        JwtDecoder jwt = jwtDecoders.getIfAvailable();
        ProblemAnswers problems = new ProblemAnswers(matrix, jwt != null, meter);
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .httpBasic(basic -> basic.authenticationEntryPoint(problems))
                .exceptionHandling(
                        failures -> failures.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .authorizeHttpRequests(requests -> {
                    // the re-dispatch of an async answer (SSE, streamed exports) and of an error: the request
                    // was authorised when it came in
                    requests.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR)
                            .permitAll();
                    requests.requestMatchers("/actuator/health", "/actuator/health/**", "/error")
                            .permitAll();
                    // the query side's console: static files only; the API calls they make need credentials
                    requests.requestMatchers(HttpMethod.GET, "/console", "/console/", "/console/**")
                            .permitAll();
                    requests.requestMatchers(
                                    "/v3/api-docs",
                                    "/v3/api-docs/**",
                                    "/v3/api-docs.yaml",
                                    "/swagger-ui.html",
                                    "/swagger-ui/**",
                                    "/actuator/info",
                                    "/actuator/prometheus")
                            .authenticated();
                    for (AccessMatrix.Entry entry : matrix.entries()) {
                        requests.requestMatchers(entry.matcher()).hasAnyRole(entry.roleIds());
                    }
                    requests.anyRequest().hasRole(Role.ADMIN.id());
                });
        if (settings.rateLimit().enabled()) {
            http.addFilterAfter(new RateLimit(settings.rateLimit(), problems), AuthorizationFilter.class);
        }
        if (jwt != null) {
            http.oauth2ResourceServer(resourceServer -> resourceServer
                    .authenticationEntryPoint(problems)
                    .accessDeniedHandler(problems)
                    .jwt(token -> token.decoder(jwt).jwtAuthenticationConverter(roles(settings.jwt()))));
        }
        return http.build();
    }

    private static JwtAuthenticationConverter roles(SecuritySettings.Jwt settings) {
        JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName(settings.rolesClaim());
        authorities.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        converter.setPrincipalClaimName(settings.principalClaim());
        return converter;
    }

    /**
     * Spring Security's firewall, except that an encoded slash or percent sign inside a path segment is left to the
     * endpoint's own validation, which names the parameter at fault ({@code /positions/A%2FB/DC1}: "sku must
     * match ..."); both sides match paths segment by segment, so such a segment cannot reach another endpoint.
     */
    @Bean
    HttpFirewall apiFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowUrlEncodedSlash(true);
        firewall.setAllowUrlEncodedPercent(true);
        return firewall;
    }

    /** A request the firewall rejects (a path that is not normalised, a forbidden character) is a 400 problem. */
    @Bean
    RequestRejectedHandler apiRequestRejected(ObjectProvider<AccessMatrix> matrices, ProblemMeter meter) {
        ProblemAnswers problems = new ProblemAnswers(
                matrices.getIfAvailable(() -> AccessMatrix.builder().build()), false, meter);
        return (request, response, rejected) -> problems.rejected(request, response, rejected.getMessage());
    }

    /** Problems and rate-limit refusals, counted in the side's meter registry when it has one. */
    @Bean
    ProblemMeter problemMeter(ObjectProvider<MeterRegistry> registry) {
        return new ProblemMeter(registry.getIfAvailable());
    }

    @Bean
    ProblemCounting problemCounting(ProblemMeter meter) {
        return new ProblemCounting(meter);
    }

    @Bean
    PasswordEncoder apiClientSecrets() {
        return new RememberedSecrets(PasswordEncoderFactories.createDelegatingPasswordEncoder());
    }

    /**
     * The configured API clients; else, unless bearer tokens are configured, those of the clients file (created on
     * first start).
     */
    @Bean
    UserDetailsService apiClients(
            SecuritySettings settings,
            PasswordEncoder secrets,
            ObjectProvider<JwtDecoder> jwt,
            @Value("${stockledger.security.clients-file:${stockledger.data-dir:./data}/clients.properties}")
                    Path clientsFile) {
        List<ApiClients.Client> clients;
        if (!settings.clients().isEmpty()) {
            clients = ApiClients.configured(settings.clients());
            log.info("API clients from configuration: {}", ids(clients));
        } else if (jwt.getIfAvailable() != null) {
            clients = List.of();
            log.info("Bearer tokens only: no API clients are configured");
        } else {
            clients = ApiClients.fromFile(clientsFile, secrets);
            log.info("API clients from {}: {}", clientsFile.toAbsolutePath().normalize(), ids(clients));
        }
        List<UserDetails> users = clients.stream()
                .map(client -> User.withUsername(client.id())
                        .password(client.secretHash())
                        .authorities(
                                client.roles().stream().map(Role::authority).toArray(String[]::new))
                        .build())
                .toList();
        return new InMemoryUserDetailsManager(users);
    }

    private static List<String> ids(List<ApiClients.Client> clients) {
        return clients.stream().map(ApiClients.Client::id).toList();
    }

    /** The description of either API says how to authenticate, and that any operation may answer 401 or 403. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(OpenApiCustomizer.class)
    static class Description {

        @Bean
        OpenApiCustomizer securitySchemes() {
            return api -> {
                api.getComponents()
                        .addSecuritySchemes(
                                "basic",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("basic")
                                        .description("An API client's id and secret (see docs/security.md)."))
                        .addSecuritySchemes(
                                "bearer",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")
                                        .description("A JWT of the configured issuer; its roles claim holds the"
                                                + " caller's roles."));
                api.setSecurity(List.of(
                        new SecurityRequirement().addList("basic"), new SecurityRequirement().addList("bearer")));
                if (api.getPaths() == null) {
                    return;
                }
                api.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
                    if (operation.getResponses() != null) {
                        operation.getResponses().addApiResponse("401", problem("No or bad credentials."));
                        operation
                                .getResponses()
                                .addApiResponse("403", problem("The caller does not have a role this needs."));
                    }
                }));
            };
        }

        private static ApiResponse problem(String description) {
            return new ApiResponse()
                    .description(description)
                    .content(new Content()
                            .addMediaType("application/problem+json", new MediaType().schema(new Schema<>())));
        }
    }
}
