package io.stockledger.query.finance;

import static io.stockledger.query.Ledger.position;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stockledger.query.Ledger;
import io.stockledger.query.Projections;
import io.stockledger.query.QuerySideTest;
import io.stockledger.security.test.TestCredentials;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** ERP reconciliation over HTTP: every class of variance, the kept run, its CSV export, and bad uploads. */
@QuerySideTest
class ReconciliationApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    MockMvc http;

    @Autowired
    Projections projections;

    @BeforeEach
    void givenLedgerBalances() {
        projections.clear();
        Ledger ledger = new Ledger().startingAt(0);
        projections.given(
                ledger.receive(position("ALPHA", "DC1"), "RCV-A", "2025-01-05T10:00:00Z", 58, "2.00"),
                ledger.receive(position("BETA", "DC1"), "RCV-B", "2025-01-05T10:00:00Z", 3, "1.50"),
                ledger.receive(position("DELTA", "DC2"), "RCV-D", "2025-01-05T10:00:00Z", 10, "1.00"),
                ledger.receive(position("GAMMA", "DC1"), "RCV-G", "2025-01-05T10:00:00Z", 4, "1.00"),
                ledger.ship(position("EMPTY", "DC1"), "SHP-E", "2025-01-06T10:00:00Z", 0));
    }

    @Test
    void reportsEveryClassOfVarianceFromACsvFile() throws Exception {
        String csv =
                """
                sku,location,period,quantity,value
                ALPHA,DC1,2025-01,58,116.00
                BETA,DC1,2025-01,5,
                GAMMA,DC1,2025-01,4,5.00
                OMEGA,DC9,2025-01,7,70
                """;

        JsonNode report = upload("text/csv", csv);

        assertThat(report.at("/run/uploadedBy").asText()).isEqualTo(TestCredentials.CLIENT);
        assertThat(report.at("/run/format").asText()).isEqualTo("CSV");
        assertThat(report.at("/run/inputSha256").asText())
                .isEqualTo(Reconciler.sha256(csv.getBytes(StandardCharsets.UTF_8)));
        assertThat(report.at("/run/periods/0").asText()).isEqualTo("2025-01");
        assertThat(report.at("/run/totals"))
                .isEqualTo(
                        json(
                                "{\"erpLines\":4,\"matched\":1,\"differing\":2,\"missingInLedger\":1,\"missingInErp\":1,"
                                        + "\"erpQuantity\":74,\"ledgerQuantity\":75,\"erpValue\":191.00,\"ledgerValue\":134.50}"));
        JsonNode lines = report.path("lines");
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0))
                .isEqualTo(json("{\"line\":1,\"sku\":\"ALPHA\",\"location\":\"DC1\",\"period\":\"2025-01\","
                        + "\"status\":\"MATCHED\",\"erpQuantity\":58,\"ledgerQuantity\":58,\"quantityDifference\":0,"
                        + "\"erpValue\":116.00,\"ledgerValue\":116.00,\"valueDifference\":0.00}"));
        assertThat(lines.get(1).path("status").asText()).isEqualTo("DIFFERING");
        assertThat(lines.get(1).path("quantityDifference").asLong()).isEqualTo(-2);
        assertThat(lines.get(1).has("valueDifference")).isFalse();
        assertThat(lines.get(2).path("status").asText()).isEqualTo("DIFFERING");
        assertThat(lines.get(2).path("quantityDifference").asLong()).isZero();
        assertThat(lines.get(2).path("valueDifference").decimalValue()).isEqualByComparingTo("-1.00");
        assertThat(lines.get(3).path("status").asText()).isEqualTo("MISSING_IN_LEDGER");
        assertThat(lines.get(3).path("sku").asText()).isEqualTo("OMEGA");
        assertThat(lines.get(4).path("status").asText()).isEqualTo("MISSING_IN_ERP");
        assertThat(lines.get(4).path("sku").asText()).isEqualTo("DELTA");
        assertThat(lines.get(4).path("ledgerQuantity").asLong()).isEqualTo(10);
    }

    @Test
    void acceptsAJsonFileAndKeepsTheRun() throws Exception {
        String json =
                """
                [{"sku":"ALPHA","location":"DC1","period":"2025-01","quantity":58},
                 {"sku":"BETA","location":"DC1","period":"2025-01","quantity":3,"value":4.5},
                 {"sku":"GAMMA","location":"DC1","period":"2025-01","quantity":4,"value":null},
                 {"sku":"DELTA","location":"DC2","period":"2025-01","quantity":10,"value":"10.00"}]""";

        JsonNode report = upload(MediaType.APPLICATION_JSON_VALUE, json);
        String runId = report.at("/run/runId").asText();

        assertThat(report.at("/run/totals/matched").asInt()).isEqualTo(4);
        assertThat(report.at("/run/totals/missingInErp").asInt()).isZero();
        http.perform(get("/api/v1/finance/reconciliations"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[?(@.runId == '" + runId + "')].format")
                        .value("JSON"));
        http.perform(get("/api/v1/finance/reconciliations/" + runId))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.run.runId").value(runId))
                .andExpect(jsonPath("$.lines.length()").value(4));
    }

    @Test
    void exportsARunAsCsv() throws Exception {
        String runId = upload("text/csv", "sku,location,period,quantity,value\nBETA,DC1,2025-01,5,7.5\n")
                .at("/run/runId")
                .asText();

        MvcResult started = http.perform(get("/api/v1/finance/reconciliations/" + runId + "/lines.csv"))
                .andExpect(request().asyncStarted())
                .andReturn();
        String csv = http.perform(asyncDispatch(started))
                .andExpect(status().isOk())
                .andExpect(header().string(
                                "Content-Disposition", "attachment; filename=\"reconciliation-" + runId + ".csv\""))
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(csv.lines())
                .containsExactly(
                        "line,sku,location,period,status,erp_quantity,ledger_quantity,quantity_difference,erp_value,"
                                + "ledger_value,value_difference",
                        "1,BETA,DC1,2025-01,DIFFERING,5,3,-2,7.50,4.50,-3.00",
                        "2,ALPHA,DC1,2025-01,MISSING_IN_ERP,,58,58,,116.00,",
                        "3,DELTA,DC2,2025-01,MISSING_IN_ERP,,10,10,,10.00,",
                        "4,GAMMA,DC1,2025-01,MISSING_IN_ERP,,4,4,,4.00,");
    }

    @Test
    void refusesABadUploadNamingTheLineAndKeepsNoRun() throws Exception {
        int before = runs();
        String[][] bad = {
            {"text/csv", "sku,location,period,quantity\nALPHA,DC1,2025-13,5\n", "line 1"},
            {"text/csv", "sku,location,period,quantity\nALPHA,DC1,2025-01,5\nALPHA,DC1,2025-01,6\n", "line 2"},
            {"text/csv", "sku,location,period,quantity\nALPHA,DC1,2025-01,five\n", "line 1"},
            {"text/csv", "sku,location,period,quantity,colour\nALPHA,DC1,2025-01,5,red\n", "line 1"},
            {"text/csv", "sku,location,period,quantity\n", "body"},
            {"text/csv", "sku,location,period,quantity\nbad sku,DC1,2025-01,5\n", "line 1"},
            {MediaType.APPLICATION_JSON_VALUE, "{\"sku\":\"ALPHA\"}", "body"},
            {
                MediaType.APPLICATION_JSON_VALUE,
                "[{\"sku\":\"ALPHA\",\"location\":\"DC1\",\"period\":\"2025-01\"}]",
                "line 1"
            },
            {MediaType.APPLICATION_JSON_VALUE, "[1", "body"},
            {
                MediaType.APPLICATION_JSON_VALUE,
                "[{\"sku\":\"A\",\"location\":\"D\",\"period\":\"2025-01\",\"quantity\":1,\"value\":\"x\"}]",
                "line 1"
            },
        };
        for (String[] upload : bad) {
            http.perform(post("/api/v1/finance/reconciliations")
                            .contentType(upload[0])
                            .content(upload[1]))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.type").value("urn:stockledger:problem:invalid-request"))
                    .andExpect(jsonPath("$.parameter").value(upload[2]));
        }
        http.perform(post("/api/v1/finance/reconciliations")
                        .contentType("text/plain")
                        .content("x"))
                .andExpect(status().isUnsupportedMediaType());
        assertThat(runs()).isEqualTo(before);
    }

    @Test
    void anUnknownRunIsNotFoundAndAMalformedIdInvalid() throws Exception {
        http.perform(get("/api/v1/finance/reconciliations/8d1e0a8e-5f4e-4a43-9d7e-000000000000"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:stockledger:problem:reconciliation-not-found"));
        http.perform(get("/api/v1/finance/reconciliations/nope"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:stockledger:problem:invalid-request"));
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private int runs() throws Exception {
        String body = http.perform(get("/api/v1/finance/reconciliations"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        return JSON.readTree(body).path("items").size();
    }

    private JsonNode upload(String contentType, String body) throws Exception {
        String answer = http.perform(post("/api/v1/finance/reconciliations")
                        .contentType(contentType)
                        .content(body.getBytes(StandardCharsets.UTF_8)))
                .andExpect(status().isCreated())
                .andExpect(header().exists("Location"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        return JSON.readTree(answer);
    }
}
