package io.stockledger.query.audit;

import static io.stockledger.query.Ledger.origin;
import static io.stockledger.query.Ledger.position;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.stockledger.api.common.PositionId;
import io.stockledger.query.Ledger;
import io.stockledger.query.Projections;
import io.stockledger.query.QuerySideTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** The audit history for any filter, exported as CSV and as JSON lines, with the paged search's filters. */
@QuerySideTest
class AuditExportTest {

    private static final PositionId WIDGET_AT_EAST = position("WIDGET-EA", "DC-EAST");
    private static final PositionId GADGET_AT_EAST = position("GADGET-EA", "DC-EAST");
    private static final ObjectMapper JSON =
            JsonMapper.builder().findAndAddModules().build();

    @Autowired
    Projections projections;

    @Autowired
    MockMvc http;

    @BeforeEach
    void givenALedger() {
        projections.clear();
        Ledger ledger = new Ledger().startingAt(0);
        projections.given(
                ledger.from(origin("WMS-EAST", "ASN", "ASN-1", "wms", "tx-receipts"))
                        .receive(WIDGET_AT_EAST, "RCV-1", "2024-05-01T08:00:00Z", 10, "2.50"),
                ledger.receive(GADGET_AT_EAST, "RCV-2", "2024-05-01T09:00:00Z", 20),
                ledger.from(origin("OMS", "ORDER", "SO 7/A", "shop", "tx-order-7"))
                        .ship(WIDGET_AT_EAST, "SHP-1", "2024-05-02T08:00:00Z", 3));
    }

    @Test
    void exportsEveryMatchingEntryAsCsvWithAHeaderInGlobalOrder() throws Exception {
        List<List<String>> rows = csv(export("/api/v1/audit/export?sku=WIDGET-EA", "text/csv;charset=UTF-8"));

        assertThat(rows).hasSize(3);
        List<String> header = rows.get(0);
        assertThat(header)
                .startsWith("globalPosition", "eventId", "eventType", "movementId", "movementType", "sku", "location")
                .contains("referenceNumber", "before.onHand", "after.onHand", "after.inTransit")
                .endsWith("attributes");
        assertThat(rows).allSatisfy(row -> assertThat(row).hasSameSizeAs(header));
        assertThat(column(rows, header, "movementId")).containsExactly("RCV-1", "SHP-1");
        assertThat(column(rows, header, "globalPosition")).containsExactly("0", "2");
        assertThat(column(rows, header, "after.onHand")).containsExactly("10", "7");
        assertThat(column(rows, header, "referenceNumber")).containsExactly("ASN-1", "SO 7/A");
        assertThat(column(rows, header, "reasonCode")).containsExactly("", "");
        assertThat(column(rows, header, "attributes")).containsExactly("{\"unitCost\":\"2.50\"}", "{}");
    }

    @Test
    void exportsEveryMatchingEntryAsJsonLines() throws Exception {
        String jsonl = export("/api/v1/audit/export?location=DC-EAST&format=jsonl", "application/jsonl;charset=UTF-8");
        List<JsonNode> entries = jsonl.lines().map(AuditExportTest::parse).toList();

        assertThat(entries)
                .extracting(entry -> entry.path("movementId").asText())
                .containsExactly("RCV-1", "RCV-2", "SHP-1");
        assertThat(entries.get(2).path("after").path("onHand").asLong()).isEqualTo(7);
        assertThat(entries.get(2).path("referenceNumber").asText()).isEqualTo("SO 7/A");
    }

    @Test
    void anExportWithNoMatchIsAHeaderOnly() throws Exception {
        assertThat(export("/api/v1/audit/export?correlationId=nobody", "text/csv;charset=UTF-8")
                        .lines())
                .hasSize(1);
    }

    @Test
    void refusesAnUnknownFormatAndABadFilterNamingTheParameter() throws Exception {
        http.perform(get("/api/v1/audit/export?format=xlsx"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:stockledger:problem:invalid-request"))
                .andExpect(jsonPath("$.parameter").value("format"));
        http.perform(get("/api/v1/audit/export?occurredFrom=yesterday"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.parameter").value("occurredFrom"));
        http.perform(get("/api/v1/audit/export?movementType=TELEPORT"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.parameter").value("movementType"));
    }

    private String export(String uri, String contentType) throws Exception {
        MvcResult started =
                http.perform(get(uri)).andExpect(request().asyncStarted()).andReturn();
        return http.perform(asyncDispatch(started))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", contentType))
                .andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.startsWith("attachment")))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    private static List<List<String>> csv(String text) throws Exception {
        try (MappingIterator<List<String>> rows = new CsvMapper()
                .enable(CsvParser.Feature.WRAP_AS_ARRAY)
                .readerFor(new TypeReference<List<String>>() {})
                .readValues(text)) {
            return rows.readAll();
        }
    }

    private static List<String> column(List<List<String>> rows, List<String> header, String name) {
        int index = header.indexOf(name);
        return rows.stream().skip(1).map(row -> row.get(index)).toList();
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
