package io.stockledger.query.web;

import static io.stockledger.query.Ledger.position;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.stockledger.query.Ledger;
import io.stockledger.query.Projections;
import io.stockledger.query.QuerySideTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** Every way a request can be wrong gets a 4xx problem with a stable type, and never a 5xx. */
@QuerySideTest
class ApiProblemsTest {

    private static final String PROBLEM = "urn:stockledger:problem:";

    @Autowired
    MockMvc http;

    @Autowired
    Projections projections;

    @BeforeEach
    void givenOnePosition() {
        projections.clear();
        Ledger ledger = new Ledger().startingAt(0);
        projections.given(ledger.receive(position("WIDGET-EA", "DC-EAST"), "RCV-1", "2024-05-01T08:00:00Z", 10));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            /api/v1/positions?limit=0                                        | limit
            /api/v1/positions?limit=1001                                     | limit
            /api/v1/positions?limit=ten                                      | limit
            /api/v1/positions?sku=bad sku                                    | sku
            /api/v1/positions?location=@home                                | location
            /api/v1/positions?after=no-at-sign                               | after
            /api/v1/positions/bad sku/DC-EAST                                | sku
            /api/v1/positions/WIDGET-EA/-DC                                  | location
            /api/v1/positions/A%2FB/DC-EAST                                  | sku
            /api/v1/positions/WIDGET-EA/DC-EAST/balance?asOf=yesterday       | asOf
            /api/v1/positions/WIDGET-EA/DC-EAST/balance?asOf=2024-13-01T00:00:00Z | asOf
            /api/v1/positions/WIDGET-EA/DC-EAST/balance?asOf=2024-05-01      | asOf
            /api/v1/audit?limit=0                                            | limit
            /api/v1/audit?limit=100000                                       | limit
            /api/v1/audit?limit=-1                                           | limit
            /api/v1/audit?sku=bad sku                                        | sku
            /api/v1/audit?location=%2Fetc                                    | location
            /api/v1/audit?occurredFrom=last week                             | occurredFrom
            /api/v1/audit?occurredTo=2024-05-01T25:00:00Z                    | occurredTo
            /api/v1/audit?recordedFrom=1714550400                            | recordedFrom
            /api/v1/audit?recordedTo=tomorrow                                | recordedTo
            /api/v1/audit?occurredFrom=2024-05-02T00:00:00Z&occurredTo=2024-05-01T00:00:00Z | occurredTo
            /api/v1/audit?recordedFrom=2024-05-02T00:00:00Z&recordedTo=2024-05-01T00:00:00Z | recordedTo
            /api/v1/audit?movementType=TELEPORT                              | movementType
            /api/v1/audit?movementType=receipt                               | movementType
            /api/v1/audit?movementId=-starts-with-a-dash                     | movementId
            /api/v1/audit?referenceType=po                                   | referenceType
            /api/v1/audit?referenceNumber=%24%24%24                          | referenceNumber
            /api/v1/audit?principal=a b                                      | principal
            /api/v1/audit?correlationId=%21                                  | correlationId
            /api/v1/audit?after=abc                                          | after
            /api/v1/audit?after=-5                                           | after
            /api/v1/traces/%21bad                                            | correlationId
            /api/v1/reservations/-starts-with-a-dash                         | reservationId
            /api/v1/reservations/has space                                   | reservationId
            /api/v1/reservations/A%2FB                                       | reservationId
            /api/v1/reservations?limit=0                                     | limit
            /api/v1/reservations?limit=1001                                  | limit
            /api/v1/reservations?limit=many                                  | limit
            /api/v1/reservations?status=PENDING                              | status
            /api/v1/reservations?status=confirmed                            | status
            /api/v1/reservations?channel=bad channel                         | channel
            /api/v1/reservations?orderReference=-SO-1                        | orderReference
            /api/v1/reservations?expiresFrom=tomorrow                        | expiresFrom
            /api/v1/reservations?expiresTo=2024-06-01T25:00:00Z              | expiresTo
            /api/v1/reservations?expiresFrom=2024-06-01                      | expiresFrom
            /api/v1/reservations?expiresFrom=2024-06-02T00:00:00Z&expiresTo=2024-06-01T00:00:00Z | expiresTo
            /api/v1/reservations?after=-not-an-id                            | after
            """)
    void refusesABadParameterNamingIt(String uri, String parameter) throws Exception {
        http.perform(get(uri))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(PROBLEM + "invalid-request"))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.detail").value(containsString(parameter)));
    }

    @Test
    void namesTheFaultyParameterOfTheRequestItself() throws Exception {
        http.perform(get("/api/v1/positions?limit=0"))
                .andExpect(jsonPath("$.parameter").value("limit"));
        http.perform(get("/api/v1/audit?movementType=TELEPORT"))
                .andExpect(jsonPath("$.parameter").value("movementType"))
                .andExpect(jsonPath("$.detail").value(containsString("RECEIPT")));
        http.perform(get("/api/v1/reservations?status=PENDING"))
                .andExpect(jsonPath("$.parameter").value("status"))
                .andExpect(jsonPath("$.detail").value(containsString("CONFIRMED")));
        http.perform(get("/api/v1/reservations/-bad"))
                .andExpect(jsonPath("$.parameter").value("reservationId"));
        http.perform(get("/api/v1/positions/WIDGET-EA/DC-EAST/balance?asOf=yesterday"))
                .andExpect(jsonPath("$.parameter").value("asOf"))
                .andExpect(jsonPath("$.detail").value(containsString("ISO-8601")));
    }

    @Test
    void anUnknownPositionIsNotFound() throws Exception {
        expectProblem(http.perform(get("/api/v1/positions/WIDGET-EA/DC-WEST")), 404, "position-not-found")
                .andExpect(jsonPath("$.detail").value(containsString("DC-WEST")));
        expectProblem(http.perform(get("/api/v1/positions/WIDGET-EA/DC-WEST/balance")), 404, "position-not-found");
    }

    @Test
    void anUnknownReservationIsNotFound() throws Exception {
        expectProblem(http.perform(get("/api/v1/reservations/RES-NEVER")), 404, "reservation-not-found")
                .andExpect(jsonPath("$.detail").value(containsString("RES-NEVER")));
    }

    @Test
    void anUnknownTransactionIsNotFound() throws Exception {
        expectProblem(http.perform(get("/api/v1/traces/tx-never")), 404, "trace-not-found");
    }

    @Test
    void anUnknownPathIsANotFoundProblemNotAPage() throws Exception {
        for (String uri : new String[] {"/api/v1/nothing", "/", "/api/v1/positions/A/B/C/D", "/index.html"}) {
            expectProblem(http.perform(get(uri).accept(MediaType.TEXT_HTML, MediaType.ALL)), 404, "not-found");
        }
    }

    @Test
    void aWrongMethodIsNotAllowed() throws Exception {
        expectProblem(http.perform(post("/api/v1/positions")), 405, "method-not-allowed");
        expectProblem(http.perform(delete("/api/v1/audit")), 405, "method-not-allowed");
        expectProblem(http.perform(post("/api/v1/reservations")), 405, "method-not-allowed");
    }

    @Test
    void aFormBodyThatCannotBeDecodedIsNotParsedAtAll() throws Exception {
        http.perform(delete("/api/v1/dead-letters/positions/WIDGET-EA@DC-EAST/no-such-event")
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .content("%zz=%"))
                .andExpect(status().is4xxClientError());
    }

    @Test
    void anUnacceptableMediaTypeIsAProblemToo() throws Exception {
        expectProblem(http.perform(get("/api/v1/positions").accept(MediaType.APPLICATION_XML)), 406, "not-acceptable");
    }

    @Test
    void theErrorPathItselfAnswersAProblem() throws Exception {
        expectProblem(http.perform(get("/error")), 404, "not-found");
    }

    @Test
    void echoesTheCallersCorrelationId() throws Exception {
        http.perform(get("/api/v1/positions").header("X-Correlation-Id", "order-4711"))
                .andExpect(status().isOk())
                .andExpect(header().string("X-Correlation-Id", "order-4711"));
        http.perform(get("/api/v1/positions/WIDGET-EA/DC-WEST").header("X-Correlation-Id", "order-4712"))
                .andExpect(status().isNotFound())
                .andExpect(header().string("X-Correlation-Id", "order-4712"))
                .andExpect(jsonPath("$.correlationId").value("order-4712"));
    }

    @Test
    void givesEveryResponseACorrelationId() throws Exception {
        http.perform(get("/api/v1/positions"))
                .andExpect(header().string("X-Correlation-Id", matchesPattern("[0-9a-f-]{36}")));
    }

    @Test
    void refusesAMalformedCorrelationId() throws Exception {
        expectProblem(
                        http.perform(get("/api/v1/positions").header("X-Correlation-Id", "no spaces allowed")),
                        400,
                        "invalid-request")
                .andExpect(jsonPath("$.parameter").value("X-Correlation-Id"))
                .andExpect(header().string("X-Correlation-Id", matchesPattern("[0-9a-f-]{36}")));
    }

    @Test
    void answersAKnownPositionAsJson() throws Exception {
        http.perform(get("/api/v1/positions/WIDGET-EA/DC-EAST"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.sku").value("WIDGET-EA"))
                .andExpect(jsonPath("$.location").value("DC-EAST"))
                .andExpect(jsonPath("$.onHand").value(10))
                .andExpect(jsonPath("$.available").value(10))
                .andExpect(jsonPath("$.lastOccurredAt").value("2024-05-01T08:00:00Z"))
                .andExpect(jsonPath("$.eventPosition").value(0))
                .andExpect(jsonPath("$.shortfall").value(0));
        http.perform(get("/api/v1/positions/WIDGET-EA/DC-EAST/balance?asOf=2024-05-01T08:00:00Z"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.onHand").value(10))
                .andExpect(jsonPath("$.asOf").value("2024-05-01T08:00:00Z"));
        http.perform(get("/api/v1/positions/WIDGET-EA/DC-EAST/balance").param("asOf", "2024-05-01T10:00:00+02:00"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.onHand").value(10));
        http.perform(get("/api/v1/audit?sku=WIDGET-EA&movementType=RECEIPT"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].before.onHand").value(0))
                .andExpect(jsonPath("$.items[0].after.onHand").value(10))
                .andExpect(jsonPath("$.next").doesNotExist());
        http.perform(get("/api/v1/traces/tx-1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.entries.length()").value(1));
    }

    @Test
    void describesTheApiWithOpenApi() throws Exception {
        http.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/v1/positions'].get.summary").value("List positions"))
                .andExpect(jsonPath("$.paths['/api/v1/audit'].get.summary").value("Find audit entries"))
                .andExpect(jsonPath("$.paths['/error']").doesNotExist())
                .andExpect(
                        jsonPath("$.paths['/api/v1/traces/{correlationId}'].get.parameters[?(@.in == 'header')].name")
                                .value(hasItem("X-Correlation-Id")));
    }

    @Test
    void reportsHealthWithTheProjectionsProgress() throws Exception {
        http.perform(get("/actuator/health"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"))
                .andExpect(jsonPath("$.components.eventLog.details.projections.audit.running")
                        .value(true))
                .andExpect(jsonPath("$.components.eventLog.details.projections.reservations.running")
                        .value(true));
    }

    private static ResultActions expectProblem(ResultActions result, int status, String type) throws Exception {
        return result.andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(PROBLEM + type))
                .andExpect(jsonPath("$.status").value(status));
    }
}
