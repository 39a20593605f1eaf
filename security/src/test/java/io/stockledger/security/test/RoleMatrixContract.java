package io.stockledger.security.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import io.stockledger.security.AccessMatrix;
import io.stockledger.security.Role;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The role matrix of a side, over every endpoint Spring MVC maps (so an endpoint added without a matrix entry fails
 * here): 401 without credentials, 403 to a client with none of its roles, admitted with each of them. A side's test
 * extends this, starts the side with {@code stockledger.test.default-credentials=false}, and adds its own cases.
 */
public abstract class RoleMatrixContract {

    @Autowired
    protected MockMvc mvc;

    @Autowired
    AccessMatrix matrix;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    /** A GET path of this side that any authenticated client of some role may read. */
    protected abstract String aProtectedPath();

    @Test
    void everyEndpointHasAnEntryInTheRoleMatrix() {
        List<ApiEndpoints.Endpoint> endpoints = ApiEndpoints.of(mappings);
        assertThat(endpoints).hasSizeGreaterThan(10);
        SoftAssertions softly = new SoftAssertions();
        for (ApiEndpoints.Endpoint endpoint : endpoints) {
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
        for (ApiEndpoints.Endpoint endpoint : ApiEndpoints.of(mappings)) {
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
        for (ApiEndpoints.Endpoint endpoint : ApiEndpoints.of(mappings)) {
            for (Role wrong : EnumSet.complementOf(EnumSet.copyOf(allowed(endpoint)))) {
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
        for (ApiEndpoints.Endpoint endpoint : ApiEndpoints.of(mappings)) {
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
        assertThat(status(get("/v3/api-docs"), "test-channel")).isEqualTo(200);
    }

    @Test
    void aPathNoEntryNamesIsForAdminOnly() throws Exception {
        String unknown = "/api/v1/not-yet-an-endpoint";
        assertThat(status(get(unknown), "test-writer")).isEqualTo(403);
        assertThat(status(get(unknown), "test-admin")).isEqualTo(404);
    }

    @Test
    void aWrongSecretIsRefused() throws Exception {
        MockHttpServletResponse answer = mvc.perform(get(aProtectedPath())
                        .header(
                                HttpHeaders.AUTHORIZATION,
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString("test-writer:guess".getBytes(StandardCharsets.UTF_8))))
                .andReturn()
                .getResponse();
        assertThat(answer.getStatus()).isEqualTo(401);
        assertThat(answer.getContentAsString())
                .contains("urn:stockledger:problem:unauthorized")
                .contains("the credentials are not valid");
    }

    /** The status of the request sent as the test client {@code client}. */
    protected int status(MockHttpServletRequestBuilder request, String client) throws Exception {
        return mvc.perform(request.header(HttpHeaders.AUTHORIZATION, TestCredentials.basic(client)))
                .andReturn()
                .getResponse()
                .getStatus();
    }

    private MockHttpServletResponse send(ApiEndpoints.Endpoint endpoint, String client) throws Exception {
        var request = request(endpoint.method(), endpoint.path());
        if (client != null) {
            request.header(HttpHeaders.AUTHORIZATION, TestCredentials.basic(client));
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    private Set<Role> allowed(ApiEndpoints.Endpoint endpoint) {
        return matrix.entryFor(new MockHttpServletRequest(endpoint.method().name(), endpoint.path()))
                .map(AccessMatrix.Entry::roles)
                .orElse(Set.of(Role.ADMIN));
    }
}
