package io.stockledger.security.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.springframework.boot.test.autoconfigure.web.servlet.SpringBootMockMvcBuilderCustomizer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.DefaultMockMvcBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.UriUtils;

/**
 * Sends generated malformed and hostile requests (path values, query parameters, headers, credentials and bodies,
 * from {@link Fuzz}) to the endpoints of a running side, and checks each answer: never a 5xx, a refused request
 * writes nothing, and a refusal is a problem document to a caller that accepts one.
 */
public final class ApiFuzzer {

    /** A generated request: which endpoint, the values of its path variables, and what else it carries. */
    public record Fuzzed(
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
                        Matcher.quoteReplacement(UriUtils.encodePathSegment(value, StandardCharsets.UTF_8)));
            }
            StringBuilder query = new StringBuilder();
            parameters.forEach((name, value) -> query.append(query.isEmpty() ? "?" : "&")
                    .append(UriUtils.encodeQueryParam(name, StandardCharsets.UTF_8))
                    .append('=')
                    .append(UriUtils.encodeQueryParam(value, StandardCharsets.UTF_8)));
            return URI.create(path + query);
        }

        @Override
        public String toString() {
            String text = method + " " + uri() + " " + headers + " " + (body == null ? "<no body>" : body);
            return text.length() > 1500 ? text.substring(0, 1500) + "…" : text;
        }
    }

    private final MockMvc mvc;
    private final List<ApiEndpoints.Endpoint> endpoints;

    private ApiFuzzer(MockMvc mvc, List<ApiEndpoints.Endpoint> endpoints) {
        this.mvc = mvc;
        this.endpoints = endpoints;
    }

    /** A fuzzer over the API endpoints of a started side that {@code include} keeps, through its filters. */
    public static ApiFuzzer of(
            ConfigurableApplicationContext context, java.util.function.Predicate<ApiEndpoints.Endpoint> include) {
        WebApplicationContext web = (WebApplicationContext) context;
        DefaultMockMvcBuilder builder = MockMvcBuilders.webAppContextSetup(web);
        new SpringBootMockMvcBuilderCustomizer(web).customize(builder);
        List<ApiEndpoints.Endpoint> endpoints =
                ApiEndpoints.of(context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class))
                        .stream()
                        .filter(include)
                        .toList();
        assertThat(endpoints).as("endpoints to fuzz").isNotEmpty();
        return new ApiFuzzer(builder.build(), endpoints);
    }

    /** Requests to any of the endpoints, some of them with the valid {@code authorization}. */
    public Arbitrary<Fuzzed> requests(String authorization) {
        return Arbitraries.of(endpoints).flatMap(chosen -> Combinators.combine(
                        Fuzz.pathValue().list().ofSize(chosen.variables()),
                        Fuzz.parameters(),
                        Fuzz.headers(authorization),
                        Fuzz.body())
                .as((values, parameters, headers, body) ->
                        new Fuzzed(chosen.method(), chosen.pattern(), values, parameters, headers, body)));
    }

    /** Sends the request and checks the answer; {@code written} counts what a request could have written. */
    public void check(Fuzzed request, LongSupplier written) throws Exception {
        long writtenBefore = written.getAsLong();

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
            assertThat(written.getAsLong()).as("written after %s", request).isEqualTo(writtenBefore);
        }
        if (answer.getStatus() >= 400 && acceptsProblems(request.headers().get("Accept"))) {
            assertThat(answer.getContentType())
                    .as("%d to %s", answer.getStatus(), request)
                    .isEqualTo("application/problem+json");
        }
    }

    /** A problem can be written to a caller that accepts JSON (of any kind) or anything at all. */
    private static boolean acceptsProblems(String accept) {
        return accept == null || accept.equals("*/*") || accept.equals("application/json");
    }
}
