package io.stockledger.query;

import static io.stockledger.query.Ledger.origin;
import static io.stockledger.query.Ledger.position;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.stockledger.api.audit.AuditEntry;
import io.stockledger.api.audit.AuditPage;
import io.stockledger.api.audit.Trace;
import io.stockledger.api.common.PositionId;
import io.stockledger.api.reservation.ReservationPage;
import io.stockledger.api.reservation.ReservationStatus;
import io.stockledger.api.reservation.ReservationView;
import io.stockledger.api.stock.BalanceAsOf;
import io.stockledger.api.stock.PositionView;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The query side as it runs beside the command side: its default configuration over a fresh data directory, the
 * events written into the events database by another writer (standing in for the command side's process), read back
 * over HTTP once the tracking processors have picked them up.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EventLogIntegrationTest {

    private static final Path DATA = EventsDatabase.temporaryDataDirectory("stockledger-query-side-it");
    private static final EventsDatabase EVENTS = new EventsDatabase(DATA);
    private static final PositionId WIDGET_AT_EAST = position("WIDGET-EA", "DC-EAST");
    private static final PositionId WIDGET_AT_WEST = position("WIDGET-EA", "DC-WEST");

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry properties) {
        properties.add("stockledger.data-dir", DATA::toString);
    }

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcClient projectionsDatabase;

    @Test
    @Order(1)
    void projectsEventsThatAnotherProcessWritesEvenWhenItStartedBeforeTheEventTablesExisted() throws Exception {
        assertThat(http.getForEntity("/actuator/health", JsonNode.class))
                .satisfies(health -> assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK))
                .satisfies(health -> assertThat(health.getBody()
                                .at("/components/eventLog/details/head")
                                .asText())
                        .contains("do not exist yet"));
        assertThat(http.getForEntity("/api/v1/positions/WIDGET-EA/DC-EAST", String.class)
                        .getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);

        Ledger ledger = new Ledger();
        try (Connection events = EVENTS.dataSource().getConnection()) {
            EVENTS.createTables(events);
            EVENTS.append(
                    ledger.from(origin("WMS-EAST", "ASN", "ASN-1", "wms", "tx-42"))
                            .receive(WIDGET_AT_EAST, "RCV-1", "2024-05-01T08:00:00Z", 10),
                    ledger.from(origin("WMS-EAST", "TRANSFER", "TO-9", "wms", "tx-43"))
                            .transferOut(WIDGET_AT_EAST, "TRF-9", "2024-05-02T08:00:00Z", 3, "DC-WEST"),
                    ledger.putInTransit(WIDGET_AT_WEST, "TRF-9", "2024-05-02T08:00:00Z", 3, "DC-EAST", "TRF-9"));

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                ResponseEntity<PositionView> east =
                        http.getForEntity("/api/v1/positions/WIDGET-EA/DC-EAST", PositionView.class);
                assertThat(east.getStatusCode()).isEqualTo(HttpStatus.OK);
                assertThat(east.getBody().onHand()).isEqualTo(7);
                assertThat(east.getBody().eventPosition()).isEqualTo(1);
                AuditPage audit = http.getForObject("/api/v1/audit", AuditPage.class);
                assertThat(audit.items()).hasSize(3);
            });

            assertThat(http.getForObject("/api/v1/positions/WIDGET-EA/DC-WEST", PositionView.class)
                            .inTransit())
                    .isEqualTo(3);
            assertThat(http.getForObject("/api/v1/traces/tx-43", Trace.class).entries())
                    .extracting(AuditEntry::location, AuditEntry::eventType)
                    .containsExactly(tuple("DC-EAST", "StockTransferredOut"), tuple("DC-WEST", "StockPutInTransit"));
            assertThat(http.getForObject(
                            "/api/v1/positions/WIDGET-EA/DC-EAST/balance?asOf=2024-05-01T23:59:59Z", BalanceAsOf.class))
                    .satisfies(balance -> assertThat(balance.onHand()).isEqualTo(10))
                    .satisfies(balance -> assertThat(balance.eventPosition()).isEqualTo(2));

            // The projections' progress lives beside them, never in the events database.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(tokens())
                    .containsExactlyInAnyOrder(
                            "audit", "audit-chain", "positions", "reservations", "finance", "channel-availability"));
            assertThat(tableNames(events))
                    .containsExactlyInAnyOrder("DOMAINEVENTENTRY", "SNAPSHOTEVENTENTRY", "EVENT_LOG_HEAD");
        }
        assertThat(DATA.resolve("events/ledger.mv.db")).exists();
        assertThat(DATA.resolve("query/projections.mv.db")).exists();
    }

    /**
     * A reservation's life as the command side records it, each command's events in one append: placed on two
     * positions, one of them counted short, partly shipped, extended, then expired holding the rest.
     */
    @Test
    @Order(2)
    void projectsAReservationsLifeAndItsShortfall() throws Exception {
        PositionId gadgetAtEast = position("GADGET-EA", "DC-EAST");
        Ledger ledger = new Ledger()
                .from(origin("OMS", "ORDER", "SO-77", "shop", "tx-77"))
                .continuing(WIDGET_AT_EAST, 1, Ledger.balance(7, 0, 0, 0, 0));
        try (Connection events = EVENTS.dataSource().getConnection()) {
            EVENTS.createTables(events);
            EVENTS.append(ledger.receive(gadgetAtEast, "RCV-G", "2024-06-01T07:00:00Z", 5));
            EVENTS.append(
                    ledger.reserve(gadgetAtEast, "RES-77", "2024-06-01T08:00:00Z", 2, "WEB"),
                    ledger.reserve(WIDGET_AT_EAST, "RES-77", "2024-06-01T08:00:00Z", 5, "WEB"),
                    ledger.confirmed(
                            "RES-77",
                            "WEB",
                            "SO-77",
                            "2024-06-02T08:00:00Z",
                            Ledger.line(WIDGET_AT_EAST, 5),
                            Ledger.line(gadgetAtEast, 2)));
            EVENTS.append(
                    ledger.count(WIDGET_AT_EAST, "CNT-77", "2024-06-01T09:00:00Z", 3),
                    ledger.shortfall(WIDGET_AT_EAST, 2, "CNT-77", Ledger.shortage("RES-77", 2)));
            EVENTS.append(
                    ledger.shipReserved(gadgetAtEast, "SHP-77", "2024-06-01T10:00:00Z", 2, "RES-77"),
                    ledger.fulfilled("RES-77", "SHP-77", "2024-06-01T10:00:00Z", Ledger.line(gadgetAtEast, 2)));
            EVENTS.append(ledger.extended("RES-77", "2024-06-02T08:00:00Z", "2024-06-03T08:00:00Z"));
            EVENTS.append(
                    ledger.releaseReserved(WIDGET_AT_EAST, "RES-77", "2024-06-03T08:00:00Z", 5, "RES-77"),
                    ledger.shortfall(WIDGET_AT_EAST, 0, "RES-77"),
                    ledger.expired("RES-77", "2024-06-03T08:00:00Z", Ledger.line(WIDGET_AT_EAST, 5)));

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                            http.getForEntity("/api/v1/reservations/RES-77", JsonNode.class))
                    .satisfies(answer -> assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK))
                    .satisfies(
                            answer -> assertThat(answer.getBody().path("status").asText())
                                    .isEqualTo(ReservationStatus.EXPIRED.name())));
            ReservationView reservation = http.getForObject("/api/v1/reservations/RES-77", ReservationView.class);
            assertThat(reservation.expiresAt()).isEqualTo(Instant.parse("2024-06-03T08:00:00Z"));
            assertThat(reservation.lines())
                    .containsExactly(
                            new ReservationView.Line("WIDGET-EA", "DC-EAST", 5, 0, 0, 5, 0),
                            new ReservationView.Line("GADGET-EA", "DC-EAST", 2, 0, 2, 0, 0));
            assertThat(http.getForObject(
                                    "/api/v1/reservations?orderReference=SO-77&status=EXPIRED", ReservationPage.class)
                            .items())
                    .extracting(ReservationView::reservationId)
                    .containsExactly("RES-77");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                            http.getForObject("/api/v1/positions/WIDGET-EA/DC-EAST", PositionView.class))
                    .satisfies(widgets -> assertThat(widgets.onHand()).isEqualTo(3))
                    .satisfies(widgets -> assertThat(widgets.reserved()).isZero())
                    .satisfies(widgets -> assertThat(widgets.shortfall()).isZero()));
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(http.getForObject("/api/v1/traces/tx-77", Trace.class)
                                    .entries())
                            .extracting(AuditEntry::eventType)
                            .containsExactly(
                                    "StockReceived",
                                    "StockReserved",
                                    "StockReserved",
                                    "StockCounted",
                                    "ReservationShortfallChanged",
                                    "ReservedStockShipped",
                                    "ReservedStockReleased",
                                    "ReservationShortfallChanged"));
        }
    }

    /**
     * An event stored in an old revision (a fixture of {@code StockDamaged} revision 1, serialized by that class) is
     * read in its current shape: the event contract's upcasters are part of the query side.
     */
    @Test
    @Order(3)
    void projectsAnEventStoredInAnOldRevisionInItsCurrentShape() throws Exception {
        byte[] revisionOne;
        try (var in = getClass().getResourceAsStream("/events/StockDamaged-revision-1.json")) {
            revisionOne = in.readAllBytes();
        }
        JdbcClient.create(EVENTS.dataSource())
                .sql(
                        """
                        INSERT INTO DomainEventEntry (eventIdentifier, aggregateIdentifier, sequenceNumber, type,
                            timeStamp, payloadType, payloadRevision, payload, metaData)
                        VALUES ('damage-revision-1', 'WIDGET-EA@DC1', 0, 'StockPosition', '2026-03-02T09:31:12.345Z',
                            'io.stockledger.api.stock.StockDamaged', '1', ?, ?)
                        """)
                .params(revisionOne, "{}".getBytes(StandardCharsets.UTF_8))
                .update();

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(http.getForObject("/api/v1/audit?movementId=dmg-0001", AuditPage.class)
                                .items())
                        .singleElement()
                        .satisfies(entry -> assertThat(entry.attributes()).containsEntry("fromQuarantine", "true"))
                        .satisfies(entry ->
                                assertThat(entry.after().quarantined().units()).isEqualTo(2)));
    }

    private List<String> tokens() {
        return projectionsDatabase
                .sql("SELECT processorName FROM TokenEntry WHERE token IS NOT NULL")
                .query(String.class)
                .list();
    }

    private static List<String> tableNames(Connection events) throws SQLException {
        return JdbcClient.create(new SingleConnectionDataSource(events, true))
                .sql("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'")
                .query(String.class)
                .list();
    }
}
