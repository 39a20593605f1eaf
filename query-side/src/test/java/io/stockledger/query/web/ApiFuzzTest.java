package io.stockledger.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockledger.query.QuerySideApplication;
import io.stockledger.query.TestCredentials;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.autoconfigure.web.servlet.SpringBootMockMvcBuilderCustomizer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.DefaultMockMvcBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.UriUtils;

/**
 * Generated malformed and hostile requests to every endpoint of the query side (path values, query parameters,
 * headers, credentials and bodies): none is answered with a 5xx, and none that is refused writes anything (the
 * query side writes nothing but reconciliation runs and dead-letter decisions; it never writes to the event log).
 * The availability stream is left out: every accepted subscription would stay open for the rest of the run.
 */
class ApiFuzzTest {

    /** A generated request: which endpoint, the values of its path variables, and what else it carries. */
    record Fuzzed(
            HttpMethod method,
            String pattern,
            List<String> pathValues,
            Map<String, String> parameters,
            Map<String, String> headers,
            String body) {

        URI uri() {
            String path = pattern;
            for (String value : pathValues) {
                path = path.replaceFirst(
                        "\\{[^}]+}",
                        java.util.regex.Matcher.quoteReplacement(
                                UriUtils.encodePathSegment(value, java.nio.charset.StandardCharsets.UTF_8)));
            }
            StringBuilder query = new StringBuilder();
            parameters.forEach((name, value) -> query.append(query.isEmpty() ? "?" : "&")
                    .append(UriUtils.encodeQueryParam(name, java.nio.charset.StandardCharsets.UTF_8))
                    .append('=')
                    .append(UriUtils.encodeQueryParam(value, java.nio.charset.StandardCharsets.UTF_8)));
            return URI.create(path + query);
        }

        @Override
        public String toString() {
            String text = method + " " + uri() + " " + headers + " " + (body == null ? "<no body>" : body);
            return text.length() > 1500 ? text.substring(0, 1500) + "…" : text;
        }
    }

    private static ConfigurableApplicationContext context;
    private static MockMvc mvc;
    private static JdbcTemplate jdbc;
    private static List<Map.Entry<HttpMethod, String>> endpoints;

    @BeforeContainer
    static void startTheQuerySide() throws Exception {
        context = new SpringApplicationBuilder(QuerySideApplication.class)
                .profiles("test")
                .properties(
                        "server.port=0",
                        "spring.main.banner-mode=off",
                        "logging.level.root=ERROR",
                        "spring.datasource.url=jdbc:h2:mem:fuzz-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                        "stockledger.events.url=jdbc:h2:mem:fuzz-events-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                        "stockledger.data-dir=" + Files.createTempDirectory("fuzz"))
                .run();
        DefaultMockMvcBuilder builder = MockMvcBuilders.webAppContextSetup((WebApplicationContext) context);
        new SpringBootMockMvcBuilderCustomizer((WebApplicationContext) context).customize(builder);
        mvc = builder.build();
        jdbc = context.getBean(JdbcTemplate.class);
        endpoints = new ArrayList<>();
        context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class)
                .getHandlerMethods()
                .keySet()
                .forEach(info -> info.getPatternValues().stream()
                        .filter(pattern -> pattern.startsWith("/api/") && !pattern.endsWith("/stream"))
                        .forEach(pattern -> (info.getMethodsCondition()
                                                .getMethods()
                                                .isEmpty()
                                        ? Arrays.asList(RequestMethod.values())
                                        : info.getMethodsCondition().getMethods())
                                .forEach(method -> endpoints.add(Map.entry(method.asHttpMethod(), pattern)))));
    }

    @AfterContainer
    static void stopTheQuerySide() {
        if (context != null) {
            context.close();
        }
    }

    @Property(tries = 5000, shrinking = ShrinkingMode.OFF)
    void noRequestIsAnswered5xxAndNoRefusedOneWritesAnything(@ForAll("requests") Fuzzed request) throws Exception {
        long writtenBefore = written();

        MockHttpServletRequestBuilder call = MockMvcRequestBuilders.request(request.method(), request.uri());
        request.headers().forEach(call::header);
        if (request.body() != null) {
            call.content(request.body());
        }
        MockHttpServletResponse answer = mvc.perform(call).andReturn().getResponse();

        assertThat(answer.getStatus())
                .as("%s answered %s", request, answer.getContentAsString())
                .isLessThan(500);
        if (answer.getStatus() >= 300) {
            assertThat(written()).as("rows written after %s", request).isEqualTo(writtenBefore);
        }
        if (answer.getStatus() >= 400 && acceptsProblems(request.headers().get("Accept"))) {
            assertThat(answer.getContentType())
                    .as("%d to %s", answer.getStatus(), request)
                    .isEqualTo("application/problem+json");
        }
    }

    private static long written() {
        return jdbc.queryForObject(
                "SELECT (SELECT COUNT(*) FROM reconciliation_run) + (SELECT COUNT(*) FROM DeadLetterEntry)",
                Long.class);
    }

    /** A problem can be written to a caller that accepts JSON (of any kind) or anything at all. */
    private static boolean acceptsProblems(String accept) {
        return accept == null || accept.equals("*/*") || accept.equals("application/json");
    }

    @Provide
    Arbitrary<Fuzzed> requests() {
        Arbitrary<Map.Entry<HttpMethod, String>> endpoint = Arbitraries.of(endpoints);
        return endpoint.flatMap(chosen -> {
            int variables = chosen.getValue().split("\\{", -1).length - 1;
            return Combinators.combine(
                            Fuzz.pathValue().list().ofSize(variables),
                            Fuzz.parameters(),
                            Fuzz.headers(TestCredentials.basic(TestCredentials.CLIENT)),
                            Fuzz.body())
                    .as((values, parameters, headers, body) ->
                            new Fuzzed(chosen.getKey(), chosen.getValue(), values, parameters, headers, body));
        });
    }
}
