package io.stockledger.query.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.stockledger.query.QuerySideTest;
import io.stockledger.security.test.RoleMatrixContract;
import io.stockledger.security.test.TestCredentials;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.TestPropertySource;

/**
 * The role matrix of the query side (the contract's tests over every mapped endpoint), and the authenticated client
 * being who the query side records as the author of what it keeps.
 */
@QuerySideTest
@TestPropertySource(properties = "stockledger.test.default-credentials=false")
class ApiAccessTest extends RoleMatrixContract {

    @Override
    protected String aProtectedPath() {
        return "/api/v1/positions";
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
}
