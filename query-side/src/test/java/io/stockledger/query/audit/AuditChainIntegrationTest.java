package io.stockledger.query.audit;

import static io.stockledger.query.Ledger.position;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Principal;
import io.stockledger.api.finance.PeriodClosed;
import io.stockledger.query.EventsDatabase;
import io.stockledger.query.Ledger;
import io.stockledger.query.QuerySideApplication;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import javax.sql.DataSource;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The hash chain over a real event log: every event linked as it arrives; verification recomputes the chain from
 * the log and names the first event that was altered or removed, over HTTP and from the command line.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditChainIntegrationTest {

    private static final Path DATA = EventsDatabase.temporaryDataDirectory("stockledger-audit-chain-it");
    private static final EventsDatabase EVENTS = new EventsDatabase(DATA);
    private static final PositionId WIDGET = position("WIDGET-EA", "DC-EAST");
    private static final PositionId GADGET = position("GADGET-EA", "DC-EAST");

    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry properties) {
        properties.add("stockledger.data-dir", DATA::toString);
    }

    private static String SHIPMENT;
    private static String RECEIPT;
    private static String ADJUSTMENT;

    @Autowired
    TestRestTemplate http;

    @Autowired
    DataSource dataSource;

    @BeforeAll
    static void fiveRecordedEvents() throws Exception {
        Ledger ledger = new Ledger();
        try (Connection events = EVENTS.dataSource().getConnection()) {
            EVENTS.createTables(events);
        }
        EVENTS.append(ledger.receive(WIDGET, "RCV-1", "2024-05-01T08:00:00Z", 10, "2.50"));
        TrackedEventMessage<?> shipment = ledger.ship(WIDGET, "SHP-1", "2024-05-02T08:00:00Z", 4);
        TrackedEventMessage<?> receipt = ledger.receive(GADGET, "RCV-2", "2024-05-02T09:00:00Z", 7);
        EVENTS.append(shipment, receipt);
        TrackedEventMessage<?> adjustment = ledger.adjust(WIDGET, "ADJ-1", "2024-05-03T08:00:00Z", -1);
        EVENTS.append(adjustment);
        EVENTS.append(ledger.count(GADGET, "CNT-1", "2024-05-04T08:00:00Z", 6));
        EVENTS.append(new GenericTrackedDomainEventMessage<>(
                new GlobalSequenceTrackingToken(99),
                new GenericDomainEventMessage<>(
                        "LedgerCalendar",
                        "ledger",
                        0,
                        new PeriodClosed(
                                "ledger",
                                YearMonth.parse("2024-04"),
                                Principal.of("controller"),
                                Instant.parse("2024-05-05T09:00:00Z")))));
        SHIPMENT = shipment.getIdentifier();
        RECEIPT = receipt.getIdentifier();
        ADJUSTMENT = adjustment.getIdentifier();
    }

    @Test
    @Order(1)
    void linksEveryRecordedEventAndFindsTheChainIntact() {
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(chain().path("links").asLong()).isEqualTo(6));
        JsonNode head = chain().path("head");
        assertThat(head.path("chainSeq").asLong()).isEqualTo(6);
        assertThat(head.path("link").asText()).hasSize(64);

        JsonNode verification = verification();
        assertThat(verification.path("intact").asBoolean()).isTrue();
        assertThat(verification.path("linksVerified").asLong()).isEqualTo(6);
        assertThat(verification.path("firstBreak").isNull()).isTrue();
        assertThat(verification.path("head").path("link").asText())
                .isEqualTo(head.path("link").asText());
    }

    @Test
    @Order(2)
    void sealsAClosedPeriodWithTheLinkOfItsCloseAndChecksTheSeal() {
        JsonNode seal =
                http.getForObject("/api/v1/audit/chain/seals", JsonNode.class).get(0);
        assertThat(seal.path("period").asText()).isEqualTo("2024-04");
        assertThat(seal.path("chainSeq").asLong()).isEqualTo(6);
        assertThat(seal.path("closedBy").asText()).isEqualTo("controller");
        assertThat(seal.path("link").asText())
                .isEqualTo(chain().path("head").path("link").asText());

        JdbcClient projections = JdbcClient.create(dataSource);
        projections
                .sql("UPDATE audit_chain_seal SET link = ? WHERE period = '2024-04'")
                .param("0".repeat(64))
                .update();
        try {
            JsonNode verification = verification();
            assertThat(verification.path("intact").asBoolean()).isFalse();
            assertThat(verification.path("firstBreak").path("reason").asText()).contains("seal of period 2024-04");
        } finally {
            projections
                    .sql("UPDATE audit_chain_seal SET link = ? WHERE period = '2024-04'")
                    .param(seal.path("link").asText())
                    .update();
        }
        assertThat(verification().path("intact").asBoolean()).isTrue();
    }

    @Test
    @Order(3)
    void namesTheEventWhosePayloadWasAlteredInTheStore() {
        String shipment = SHIPMENT;
        byte[] original = payload(shipment);
        events().sql("UPDATE DomainEventEntry SET payload = ? WHERE eventIdentifier = ?")
                .params(
                        new String(original, StandardCharsets.UTF_8)
                                .replace("\"quantity\":4", "\"quantity\":3")
                                .getBytes(StandardCharsets.UTF_8),
                        shipment)
                .update();
        try {
            JsonNode verification = verification();
            assertThat(verification.path("intact").asBoolean()).isFalse();
            assertThat(verification.path("firstBreak").path("eventId").asText()).isEqualTo(shipment);
            assertThat(verification.path("firstBreak").path("chainSeq").asLong())
                    .isEqualTo(2);
            assertThat(verification.path("firstBreak").path("reason").asText()).contains("content differs");
            assertThat(verification.path("linksVerified").asLong()).isEqualTo(1);

            assertThat(verifyFromTheCommandLine())
                    .as("the command line verifier's exit code")
                    .isEqualTo(1);
        } finally {
            events().sql("UPDATE DomainEventEntry SET payload = ? WHERE eventIdentifier = ?")
                    .params(original, shipment)
                    .update();
        }
        assertThat(verification().path("intact").asBoolean()).isTrue();
        assertThat(verifyFromTheCommandLine()).isZero();
    }

    @Test
    @Order(4)
    void namesTheEventWhoseMetadataWasAltered() {
        String adjustment = ADJUSTMENT;
        byte[] original = metaData(adjustment);
        events().sql("UPDATE DomainEventEntry SET metaData = ? WHERE eventIdentifier = ?")
                .params("{\"principal\":\"somebody-else\"}".getBytes(StandardCharsets.UTF_8), adjustment)
                .update();
        try {
            JsonNode verification = verification();
            assertThat(verification.path("intact").asBoolean()).isFalse();
            assertThat(verification.path("firstBreak").path("eventId").asText()).isEqualTo(adjustment);
        } finally {
            events().sql("UPDATE DomainEventEntry SET metaData = ? WHERE eventIdentifier = ?")
                    .params(original, adjustment)
                    .update();
        }
    }

    @Test
    @Order(5)
    void namesTheEventThatWasRemovedFromTheStore() {
        String receipt = RECEIPT;
        events().sql("DELETE FROM DomainEventEntry WHERE eventIdentifier = ?")
                .param(receipt)
                .update();

        JsonNode verification = verification();
        assertThat(verification.path("intact").asBoolean()).isFalse();
        assertThat(verification.path("firstBreak").path("eventId").asText()).isEqualTo(receipt);
        assertThat(verification.path("firstBreak").path("reason").asText()).contains("removed");
    }

    private JsonNode chain() {
        return http.getForObject("/api/v1/audit/chain", JsonNode.class);
    }

    private JsonNode verification() {
        return http.getForObject("/api/v1/audit/chain/verification", JsonNode.class);
    }

    /** What {@code ./stockledger verify-chain} runs, without the JVM's exit: the application's exit code. */
    private static int verifyFromTheCommandLine() {
        ConfigurableApplicationContext verifier = new SpringApplicationBuilder(QuerySideApplication.class)
                .run(
                        "--stockledger.data-dir=" + DATA,
                        "--stockledger.audit.verify-chain=true",
                        "--spring.main.web-application-type=none");
        return SpringApplication.exit(verifier);
    }

    private static JdbcClient events() {
        return JdbcClient.create(EVENTS.dataSource());
    }

    private static byte[] payload(String eventId) {
        return events().sql("SELECT payload FROM DomainEventEntry WHERE eventIdentifier = ?")
                .param(eventId)
                .query(byte[].class)
                .single();
    }

    private static byte[] metaData(String eventId) {
        return events().sql("SELECT metaData FROM DomainEventEntry WHERE eventIdentifier = ?")
                .param(eventId)
                .query(byte[].class)
                .single();
    }
}
