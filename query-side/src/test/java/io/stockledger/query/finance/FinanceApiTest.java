package io.stockledger.query.finance;

import static io.stockledger.query.Ledger.position;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.stockledger.api.common.PositionId;
import io.stockledger.query.Ledger;
import io.stockledger.query.Projections;
import io.stockledger.query.QuerySideTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** The finance resources over HTTP: period balances as JSON and CSV, the roll-forward check, bad periods. */
@QuerySideTest
class FinanceApiTest {

    private static final PositionId WIDGET_AT_EAST = position("WIDGET-EA", "DC-EAST");
    private static final PositionId GADGET_AT_WEST = position("GADGET-EA", "DC-WEST");

    @Autowired
    MockMvc http;

    @Autowired
    Projections projections;

    @BeforeEach
    void givenMovements() {
        projections.clear();
        Ledger ledger = new Ledger().startingAt(0);
        projections.given(
                ledger.receive(WIDGET_AT_EAST, "RCV-1", "2025-01-05T10:00:00Z", 100, "2.00"),
                ledger.ship(WIDGET_AT_EAST, "SHP-1", "2025-01-10T10:00:00Z", 40),
                ledger.because("SHRINKAGE").adjust(WIDGET_AT_EAST, "ADJ-1", "2025-01-11T10:00:00Z", -2),
                ledger.because(null).receive(GADGET_AT_WEST, "RCV-2", "2025-02-05T10:00:00Z", 3, "1.50"));
    }

    @Test
    void answersPeriodBalancesWithTotalsAsJson() throws Exception {
        http.perform(get("/api/v1/finance/periods/2025-01/balances"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.period").value("2025-01"))
                .andExpect(jsonPath("$.closed").value(false))
                .andExpect(jsonPath("$.currency").value("EUR"))
                .andExpect(jsonPath("$.rows.length()").value(1))
                .andExpect(jsonPath("$.rows[0].sku").value("WIDGET-EA"))
                .andExpect(jsonPath("$.rows[0].quantity.opening").value(0))
                .andExpect(jsonPath("$.rows[0].quantity.receipts").value(100))
                .andExpect(jsonPath("$.rows[0].quantity.shipments").value(-40))
                .andExpect(jsonPath("$.rows[0].quantity.adjustments").value(-2))
                .andExpect(jsonPath("$.rows[0].quantity.closing").value(58))
                .andExpect(jsonPath("$.rows[0].value.closing").value(116.00))
                .andExpect(jsonPath("$.rows[0].adjustmentsByReason[0].reason").value("SHRINKAGE"))
                .andExpect(jsonPath("$.locationTotals[0].location").value("DC-EAST"))
                .andExpect(jsonPath("$.ledgerTotal.quantity.closing").value(58));
    }

    @Test
    void filtersByLocation() throws Exception {
        http.perform(get("/api/v1/finance/periods/2025-02/balances").param("location", "DC-WEST"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.rows.length()").value(1))
                .andExpect(jsonPath("$.rows[0].sku").value("GADGET-EA"))
                .andExpect(jsonPath("$.ledgerTotal.value.closing").value(4.50));
    }

    @Test
    void streamsPeriodBalancesAsCsv() throws Exception {
        MvcResult started = http.perform(get("/api/v1/finance/periods/2025-02/balances.csv"))
                .andExpect(request().asyncStarted())
                .andReturn();
        String csv = http.perform(asyncDispatch(started))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/csv"))
                .andExpect(header().string("Content-Disposition", "attachment; filename=\"balances-2025-02.csv\""))
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(csv.lines())
                .containsExactly(
                        "sku,location,period,opening_quantity,receipts_quantity,shipments_quantity,"
                                + "transfers_in_quantity,transfers_out_quantity,returns_quantity,adjustments_quantity,"
                                + "write_offs_quantity,closing_quantity,opening_value,receipts_value,shipments_value,"
                                + "transfers_in_value,transfers_out_value,returns_value,adjustments_value,"
                                + "write_offs_value,closing_value,adjustments_by_reason",
                        "GADGET-EA,DC-WEST,2025-02,0,3,0,0,0,0,0,0,3,0.00,4.50,0.00,0.00,0.00,0.00,0.00,0.00,4.50,",
                        "WIDGET-EA,DC-EAST,2025-02,58,0,0,0,0,0,0,0,58,116.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,116.00,");
    }

    @Test
    void checksTheRollForward() throws Exception {
        http.perform(get("/api/v1/finance/roll-forward"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.rowsChecked").value(2))
                .andExpect(jsonPath("$.violations.length()").value(0))
                .andExpect(jsonPath("$.passed").value(true));
    }

    @Test
    void aMalformedPeriodIsAnInvalidRequest() throws Exception {
        for (String period : new String[] {"2025-13", "2025-1", "January", "2025-01-01"}) {
            http.perform(get("/api/v1/finance/periods/" + period + "/balances"))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.type").value("urn:stockledger:problem:invalid-request"));
        }
        http.perform(get("/api/v1/finance/periods/2025-13/balances.csv")).andExpect(status().isBadRequest());
    }

    @Test
    void aMalformedFilterIsAnInvalidRequest() throws Exception {
        http.perform(get("/api/v1/finance/periods/2025-01/balances").param("sku", "no spaces"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:stockledger:problem:invalid-request"));
    }
}
