package io.stockledger.query.reservation;

import static io.stockledger.query.Ledger.line;
import static io.stockledger.query.Ledger.position;
import static io.stockledger.query.Ledger.rejection;
import static io.stockledger.query.Ledger.shortage;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.stockledger.api.common.PositionId;
import io.stockledger.query.Ledger;
import io.stockledger.query.Projections;
import io.stockledger.query.QuerySideTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** The reservation resources over HTTP: their JSON, their filters and paging, their correlation ids. */
@QuerySideTest
class ReservationApiTest {

    private static final PositionId WIDGET_AT_EAST = position("WIDGET-EA", "DC-EAST");
    private static final PositionId GADGET_AT_EAST = position("GADGET-EA", "DC-EAST");

    @Autowired
    MockMvc http;

    @Autowired
    Projections projections;

    @BeforeEach
    void givenReservations() {
        projections.clear();
        Ledger ledger = new Ledger().startingAt(0);
        projections.given(
                ledger.receive(WIDGET_AT_EAST, "RCV-1", "2024-06-01T07:00:00Z", 10),
                ledger.reserve(WIDGET_AT_EAST, "RES-1", "2024-06-01T08:00:00Z", 6, "WEB"),
                ledger.confirmed(
                        "RES-1",
                        "WEB",
                        "PO 77/2",
                        "2024-06-02T08:00:00Z",
                        line(WIDGET_AT_EAST, 6),
                        line(GADGET_AT_EAST, 1)),
                ledger.fulfilled("RES-1", "SHP-1", "2024-06-01T09:00:00Z", line(GADGET_AT_EAST, 1)),
                ledger.count(WIDGET_AT_EAST, "CNT-1", "2024-06-01T10:00:00Z", 4),
                ledger.shortfall(WIDGET_AT_EAST, 2, "CNT-1", shortage("RES-1", 2)),
                ledger.rejected(
                        "RES-2", "B2B", "SO-2", List.of(line(WIDGET_AT_EAST, 50)), rejection(WIDGET_AT_EAST, 50, 0)),
                ledger.confirmed("RES-3", "WEB", "SO-3", "2024-06-04T08:00:00Z", line(GADGET_AT_EAST, 1)));
    }

    @Test
    void answersAReservationAsJson() throws Exception {
        http.perform(get("/api/v1/reservations/RES-1"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.reservationId").value("RES-1"))
                .andExpect(jsonPath("$.status").value("CONFIRMED"))
                .andExpect(jsonPath("$.channel").value("WEB"))
                .andExpect(jsonPath("$.orderReference").value("PO 77/2"))
                .andExpect(jsonPath("$.expiresAt").value("2024-06-02T08:00:00Z"))
                .andExpect(jsonPath("$.placedAt").value("2024-06-01T08:00:03Z"))
                .andExpect(jsonPath("$.updatedAt").value("2024-06-01T08:00:06Z"))
                .andExpect(jsonPath("$.lines.length()").value(2))
                .andExpect(jsonPath("$.lines[0].sku").value("WIDGET-EA"))
                .andExpect(jsonPath("$.lines[0].location").value("DC-EAST"))
                .andExpect(jsonPath("$.lines[0].requested").value(6))
                .andExpect(jsonPath("$.lines[0].reserved").value(6))
                .andExpect(jsonPath("$.lines[0].fulfilled").value(0))
                .andExpect(jsonPath("$.lines[0].released").value(0))
                .andExpect(jsonPath("$.lines[0].shortQuantity").value(2))
                .andExpect(jsonPath("$.lines[1].sku").value("GADGET-EA"))
                .andExpect(jsonPath("$.lines[1].reserved").value(0))
                .andExpect(jsonPath("$.lines[1].fulfilled").value(1))
                .andExpect(jsonPath("$.lines[1].shortQuantity").value(0))
                .andExpect(jsonPath("$.rejections.length()").value(0))
                .andExpect(jsonPath("$.eventPosition").value(5));
    }

    @Test
    void answersARejectedReservationWithWhyAndNoExpiry() throws Exception {
        http.perform(get("/api/v1/reservations/RES-2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("REJECTED"))
                .andExpect(jsonPath("$.expiresAt").value(nullValue()))
                .andExpect(jsonPath("$.lines[0].requested").value(50))
                .andExpect(jsonPath("$.lines[0].reserved").value(0))
                .andExpect(jsonPath("$.rejections[0].sku").value("WIDGET-EA"))
                .andExpect(jsonPath("$.rejections[0].location").value("DC-EAST"))
                .andExpect(jsonPath("$.rejections[0].requested").value(50))
                .andExpect(jsonPath("$.rejections[0].available").value(0))
                .andExpect(jsonPath("$.rejections[0].reason").value("insufficient-available-stock"));
    }

    @Test
    void thePositionShowsItsShortfall() throws Exception {
        http.perform(get("/api/v1/positions/WIDGET-EA/DC-EAST"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.reserved").value(6))
                .andExpect(jsonPath("$.available").value(-2))
                .andExpect(jsonPath("$.shortfall").value(2));
    }

    @Test
    void listsReservationsMatchingEveryFilter() throws Exception {
        http.perform(get("/api/v1/reservations"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].reservationId").value(contains("RES-1", "RES-2", "RES-3")))
                .andExpect(jsonPath("$.next").value(nullValue()));
        http.perform(get("/api/v1/reservations").param("orderReference", "PO 77/2"))
                .andExpect(jsonPath("$.items[*].reservationId").value(contains("RES-1")));
        http.perform(get("/api/v1/reservations?channel=WEB&status=CONFIRMED"))
                .andExpect(jsonPath("$.items[*].reservationId").value(contains("RES-1", "RES-3")));
        http.perform(get("/api/v1/reservations?status=REJECTED"))
                .andExpect(jsonPath("$.items[*].reservationId").value(contains("RES-2")))
                .andExpect(jsonPath("$.items[0].rejections[0].available").value(0));
        http.perform(get("/api/v1/reservations?expiresFrom=2024-06-02T08:00:00Z&expiresTo=2024-06-04T08:00:00Z"))
                .andExpect(jsonPath("$.items[*].reservationId").value(contains("RES-1")));
        http.perform(get("/api/v1/reservations").param("expiresFrom", "2024-06-02T10:00:00+02:00"))
                .andExpect(jsonPath("$.items[*].reservationId").value(contains("RES-1", "RES-3")));
    }

    @Test
    void pagesWithTheNextCursor() throws Exception {
        http.perform(get("/api/v1/reservations?limit=2"))
                .andExpect(jsonPath("$.items[*].reservationId").value(contains("RES-1", "RES-2")))
                .andExpect(jsonPath("$.next").value("RES-2"));
        http.perform(get("/api/v1/reservations?limit=2&after=RES-2"))
                .andExpect(jsonPath("$.items[*].reservationId").value(contains("RES-3")))
                .andExpect(jsonPath("$.next").value(nullValue()));
    }

    @Test
    void echoesTheCallersCorrelationIdOnAnswersAndProblems() throws Exception {
        http.perform(get("/api/v1/reservations/RES-1").header("X-Correlation-Id", "order-4711"))
                .andExpect(status().isOk())
                .andExpect(header().string("X-Correlation-Id", "order-4711"));
        http.perform(get("/api/v1/reservations/RES-9").header("X-Correlation-Id", "order-4712"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:stockledger:problem:reservation-not-found"))
                .andExpect(header().string("X-Correlation-Id", "order-4712"))
                .andExpect(jsonPath("$.correlationId").value("order-4712"));
        http.perform(get("/api/v1/reservations?status=LOST").header("X-Correlation-Id", "order-4713"))
                .andExpect(status().isBadRequest())
                .andExpect(header().string("X-Correlation-Id", "order-4713"))
                .andExpect(jsonPath("$.correlationId").value("order-4713"));
    }

    @Test
    void isDescribedInTheOpenApiDocument() throws Exception {
        http.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(
                        jsonPath("$.paths['/api/v1/reservations'].get.summary").value("Find reservations"))
                .andExpect(jsonPath("$.paths['/api/v1/reservations'].get.parameters[*].name")
                        .value(hasItem("expiresFrom")))
                .andExpect(jsonPath("$.paths['/api/v1/reservations/{reservationId}'].get.summary")
                        .value("Get one reservation"))
                .andExpect(jsonPath(
                                "$.paths['/api/v1/reservations/{reservationId}'].get.parameters[?(@.in == 'header')].name")
                        .value(hasItem("X-Correlation-Id")))
                .andExpect(jsonPath("$.components.schemas.ReservationView.properties.lines")
                        .exists())
                .andExpect(jsonPath("$.components.schemas.PositionView.properties.shortfall")
                        .exists());
    }
}
