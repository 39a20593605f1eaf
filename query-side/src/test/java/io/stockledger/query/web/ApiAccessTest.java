package io.stockledger.query.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import io.stockledger.query.QuerySideTest;
import io.stockledger.query.TestCredentials;
import io.stockledger.security.AccessMatrix;
import io.stockledger.security.Role;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The role matrix of the query side, over every endpoint Spring MVC maps (so an endpoint added without a matrix
 * entry fails here): 401 without credentials, 403 to a client with none of its roles, admitted with each of them.
 */
@QuerySideTest
@TestPropertySource(properties = "stockledger.test.default-credentials=false")
class ApiAccessTest {

    record Endpoint(HttpMethod method, String pattern) {

        /** A concrete path of the pattern, every path variable a harmless value. */
        String path() {
            return pattern.replaceAll("\\{[^}]+}", "x1");
        }

        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    AccessMatrix matrix;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyEndpointHasAnEntryInTheRoleMatrix() {
        List<Endpoint> endpoints = endpoints();
        assertThat(endpoints).hasSizeGreaterThan(10);
        SoftAssertions softly = new SoftAssertions();
        for (Endpoint endpoint : endpoints) {
            softly.assertThat(matrix.entryFor(
                            new MockHttpServletRequest(endpoint.method().name(), endpoint.path())))
                    .as("the role matrix entry of %s (add one to ApiAccess and docs/security.md)", endpoint)
                    .isPresent();
        }
        softly.assertAll();
    }

    @Test
    void everyEndpointRefusesARequestWithoutCredentials() throws Exception {
        SoftAssertions softly = new SoftAssertions();
        for (Endpoint endpoint : endpoints()) {
            MockHttpServletResponse answer = send(endpoint, null);
            softly.assertThat(answer.getStatus())
                    .as("%s without credentials", endpoint)
                    .isEqualTo(401);
            softly.assertThat(answer.getContentAsString())
                    .as("%s without credentials", endpoint)
                    .contains("urn:stockledger:problem:unauthorized");
            softly.assertThat(answer.getHeader(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");
        }
        softly.assertAll();
    }

    @Test
    void everyEndpointRefusesAClientWithoutOneOfItsRoles() throws Exception {
        SoftAssertions softly = new SoftAssertions();
        for (Endpoint endpoint : endpoints()) {
            Set<Role> allowed = allowed(endpoint);
            EnumSet<Role> others = EnumSet.complementOf(EnumSet.copyOf(allowed));
            for (Role wrong : others) {
                MockHttpServletResponse answer = send(endpoint, "test-" + wrong.id());
                softly.assertThat(answer.getStatus())
                        .as("%s as %s", endpoint, wrong)
                        .isEqualTo(403);
                softly.assertThat(answer.getContentAsString())
                        .as("%s as %s", endpoint, wrong)
                        .contains("urn:stockledger:problem:forbidden");
            }
        }
        softly.assertAll();
    }

    @Test
    void everyEndpointAdmitsEachOfItsRoles() throws Exception {
        SoftAssertions softly = new SoftAssertions();
        for (Endpoint endpoint : endpoints()) {
            for (Role role : allowed(endpoint)) {
                int status = send(endpoint, "test-" + role.id()).getStatus();
                softly.assertThat(status).as("%s as %s", endpoint, role).isNotIn(401, 403);
            }
        }
        softly.assertAll();
    }

    @Test
    void healthIsOpenAndTheApiDescriptionNeedsAPrincipal() throws Exception {
        assertThat(mvc.perform(get("/actuator/health"))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(200);
        assertThat(mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getStatus())
                .isEqualTo(401);
        assertThat(mvc.perform(get("/v3/api-docs")
                                .header(HttpHeaders.AUTHORIZATION, TestCredentials.basic("test-channel")))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(200);
    }

    @Test
    void theConsolesFilesAreOpenButTheApiTheyCallIsNot() throws Exception {
        for (String file : new String[] {"/console/index.html", "/console/console.js", "/console/api.js"}) {
            assertThat(mvc.perform(get(file)).andReturn().getResponse().getStatus())
                    .as(file)
                    .isEqualTo(200);
        }
        assertThat(mvc.perform(get("/console")).andReturn().getResponse().getRedirectedUrl())
                .isEqualTo("/console/index.html");
        assertThat(mvc.perform(get("/api/v1/projections/lag"))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(401);
    }

    @Test
    void aPathNoEntryNamesIsForAdminOnly() throws Exception {
        String unknown = "/api/v1/not-yet-an-endpoint";
        assertThat(status(get(unknown), "test-writer")).isEqualTo(403);
        assertThat(status(get(unknown), "test-admin")).isEqualTo(404);
    }

    @Test
    void aWrongSecretIsRefused() throws Exception {
        MockHttpServletResponse answer = mvc.perform(get("/api/v1/positions")
                        .header(
                                HttpHeaders.AUTHORIZATION,
                                "Basic "
                                        + java.util.Base64.getEncoder()
                                                .encodeToString("test-writer:guess"
                                                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                .andReturn()
                .getResponse();
        assertThat(answer.getStatus()).isEqualTo(401);
        assertThat(answer.getContentAsString())
                .contains("urn:stockledger:problem:unauthorized")
                .contains("the credentials are not valid");
    }

    @Test
    void theAuthenticatedClientIsTheUploaderOfAReconciliation() throws Exception {
        MockHttpServletResponse answer = mvc.perform(post("/api/v1/finance/reconciliations")
                        .contentType("text/csv")
                        .content("sku,location,period,quantity,value\nNOPE,DC1,2025-01,1,\n")
                        .header(HttpHeaders.AUTHORIZATION, TestCredentials.basic("test-finance")))
                .andReturn()
                .getResponse();
        assertThat(answer.getStatus()).isEqualTo(201);
        assertThat(answer.getContentAsString()).contains("\"uploadedBy\":\"test-finance\"");
    }

    private int status(
            org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, String client)
            throws Exception {
        return mvc.perform(request.header(HttpHeaders.AUTHORIZATION, TestCredentials.basic(client)))
                .andReturn()
                .getResponse()
                .getStatus();
    }

    private MockHttpServletResponse send(Endpoint endpoint, String client) throws Exception {
        var request = request(endpoint.method(), endpoint.path());
        if (client != null) {
            request.header(HttpHeaders.AUTHORIZATION, TestCredentials.basic(client));
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    private Set<Role> allowed(Endpoint endpoint) {
        return matrix.entryFor(new MockHttpServletRequest(endpoint.method().name(), endpoint.path()))
                .map(AccessMatrix.Entry::roles)
                .orElse(Set.of(Role.ADMIN));
    }

    /** Every method and path pattern Spring MVC maps under /api/. */
    private List<Endpoint> endpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        mappings.getHandlerMethods().keySet().forEach(info -> {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/api/")) {
                    continue;
                }
                (methods.isEmpty() ? Arrays.stream(RequestMethod.values()).toList() : List.copyOf(methods))
                        .forEach(method -> endpoints.add(new Endpoint(method.asHttpMethod(), pattern)));
            }
        });
        return endpoints;
    }
}
