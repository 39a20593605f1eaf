package io.stockledger.query.channel;

import static io.stockledger.query.Ledger.position;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.stockledger.api.channel.ChannelDefined;
import io.stockledger.api.channel.ChannelPolicy;
import io.stockledger.api.channel.QuotaGranted;
import io.stockledger.api.channel.QuotaReleased;
import io.stockledger.api.common.ChannelId;
import io.stockledger.api.common.LocationId;
import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Quantity;
import io.stockledger.query.Ledger;
import io.stockledger.query.Projections;
import io.stockledger.query.QuerySideTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The availability projection over HTTP: given events, what each channel may sell, per location and summed over its
 * locations, with the change log the stream serves.
 */
@QuerySideTest
class AvailabilityApiTest {

    static final PositionId WIDGET_DC1 = position("WIDGET", "DC1");
    static final PositionId WIDGET_DC2 = position("WIDGET", "DC2");
    static final PositionId WIDGET_DC3 = position("WIDGET", "DC3");
    static final PositionId GADGET_DC1 = position("GADGET", "DC1");
    static final PositionId BOLT_DC2 = position("BOLT", "DC2");

    @Autowired
    MockMvc http;

    @Autowired
    Projections projections;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    @Qualifier("serializer")
    Serializer serializer;

    Ledger ledger;
    long lastPosition;

    @BeforeEach
    void emptyProjection() {
        for (String table : List.of(
                "channel_policy",
                "channel_location",
                "channel_safety_stock",
                "channel_stock",
                "channel_quota",
                "channel_reserved",
                "channel_reserved_total",
                "channel_backorder",
                "channel_published",
                "channel_change")) {
            jdbc.sql("TRUNCATE TABLE " + table).update();
        }
        ledger = new Ledger().startingAt(0);
        lastPosition = -1;
    }

    // --- given ---------------------------------------------------------------------------------------------------

    void given(EventMessage<?>... events) {
        projections.deliver(AvailabilityProjection.PROCESSING_GROUP, events);
    }

    /** Hands the events to the projection as its processor does: one batch, one unit of work, one transaction. */
    void givenOneBatch(EventMessage<?>... events) throws Exception {
        EventHandlerInvoker invoker = processing
                .eventProcessorByProcessingGroup(AvailabilityProjection.PROCESSING_GROUP, AbstractEventProcessor.class)
                .orElseThrow()
                .eventHandlerInvoker();
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(List.of(events));
        batch.attachTransaction(processing.transactionManager(AvailabilityProjection.PROCESSING_GROUP));
        batch.executeWithResult(() -> {
            invoker.handle(batch.getMessage(), Segment.ROOT_SEGMENT);
            return null;
        });
    }

    /** A ledger event; the next custom event continues after its global position. */
    TrackedEventMessage<?> recorded(TrackedEventMessage<?> event) {
        lastPosition = event.trackingToken().position().orElseThrow();
        return event;
    }

    TrackedEventMessage<?> custom(String aggregateId, Object payload) {
        long position = ++lastPosition;
        ledger.startingAt(position + 1);
        return new GenericTrackedDomainEventMessage<>(
                new GlobalSequenceTrackingToken(position),
                new GenericDomainEventMessage<>(
                        "Test",
                        aggregateId,
                        0,
                        payload,
                        MetaData.emptyInstance(),
                        UUID.randomUUID().toString(),
                        Instant.parse("2026-01-01T00:00:00Z")));
    }

    TrackedEventMessage<?> channel(String channel, long safety, long buffer, int share, String... locations) {
        ChannelPolicy policy = new ChannelPolicy(
                Arrays.stream(locations).map(LocationId::of).toList(),
                Quantity.of(safety),
                List.of(),
                Quantity.of(buffer),
                share,
                false,
                Quantity.ZERO);
        return custom(channel, new ChannelDefined(ChannelId.of(channel), policy, Ledger.WMS, Instant.now()));
    }

    TrackedEventMessage<?> quota(PositionId position, String channel, long quota) {
        return custom(
                position.toString(),
                new QuotaGranted(
                        position,
                        ChannelId.of(channel),
                        Quantity.of(quota),
                        Quantity.of(quota),
                        Ledger.WMS,
                        Instant.now()));
    }

    TrackedEventMessage<?> quotaReleased(PositionId position, String channel, long left) {
        return custom(
                position.toString(),
                new QuotaReleased(
                        position, ChannelId.of(channel), Quantity.of(1), Quantity.of(left), Ledger.WMS, Instant.now()));
    }

    TrackedEventMessage<?> receive(PositionId position, long quantity) {
        return recorded(ledger.receive(position, "RCV-" + UUID.randomUUID(), "2026-01-01T08:00:00Z", quantity));
    }

    TrackedEventMessage<?> reserve(PositionId position, String reservation, long quantity, String channel) {
        return recorded(ledger.reserve(position, reservation, "2026-01-01T09:00:00Z", quantity, channel));
    }

    TrackedEventMessage<?> releaseReserved(PositionId position, String reservation, long quantity) {
        return recorded(ledger.releaseReserved(position, reservation, "2026-01-01T10:00:00Z", quantity, reservation));
    }

    List<String> changes(String channel) {
        return jdbc.sql("SELECT sku || '=' || payload FROM channel_change WHERE channel = :c ORDER BY id")
                .param("c", channel)
                .query(String.class)
                .list();
    }

    // --- then ----------------------------------------------------------------------------------------------------

    @Test
    void answersAvailableToSellPerLocationAndSummedOverTheChannelsLocations() throws Exception {
        given(channel("web", 0, 0, 100, "DC1", "DC2"), receive(WIDGET_DC1, 10), receive(WIDGET_DC2, 5));

        http.perform(get("/api/v1/channels/web/availability").param("sku", "WIDGET"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.channel").value("web"))
                .andExpect(jsonPath("$.eventPosition").isNumber())
                .andExpect(jsonPath("$.ageMillis").isNumber())
                .andExpect(jsonPath("$.items[0].sku").value("WIDGET"))
                .andExpect(jsonPath("$.items[0].availableToSell").value(15))
                .andExpect(jsonPath("$.items[0].locations.length()").value(2))
                .andExpect(jsonPath("$.items[0].locations[0].location").value("DC1"))
                .andExpect(jsonPath("$.items[0].locations[0].availableToSell").value(10))
                .andExpect(jsonPath("$.items[0].locations[1].availableToSell").value(5));
    }

    @Test
    void overlappingLocationSetsEachCountTheirOwnLocations() throws Exception {
        given(
                channel("web", 0, 0, 100, "DC1", "DC2"),
                channel("marketplace", 1, 0, 50, "DC2", "DC3"),
                receive(WIDGET_DC1, 10),
                receive(WIDGET_DC2, 20),
                receive(WIDGET_DC3, 30));

        http.perform(get("/api/v1/channels/web/availability").param("sku", "WIDGET"))
                .andExpect(jsonPath("$.items[0].availableToSell").value(30));
        // floor((20 - 1) * 50%) + floor((30 - 1) * 50%) = 9 + 14
        http.perform(get("/api/v1/channels/marketplace/availability").param("sku", "WIDGET"))
                .andExpect(jsonPath("$.items[0].availableToSell").value(23))
                .andExpect(jsonPath("$.items[0].locations[0].location").value("DC2"))
                .andExpect(jsonPath("$.items[0].locations[0].safetyStock").value(1));
    }

    @Test
    void aChangeOnOnePositionReachesEveryChannelThatSellsFromIt() {
        given(
                channel("web", 0, 0, 100, "DC1", "DC2"),
                channel("marketplace", 0, 0, 100, "DC2"),
                channel("b2b", 0, 0, 100, "DC1"),
                receive(WIDGET_DC2, 20));

        assertThat(changes("web")).hasSize(1).allMatch(change -> change.startsWith("WIDGET="));
        assertThat(changes("marketplace")).hasSize(1);
        assertThat(changes("b2b")).as("does not sell from DC2").isEmpty();
        assertThat(changes("web").get(0)).contains("\"availableToSell\":20");
    }

    @Test
    void anotherChannelsReservationChangesNothingWhereNoQuotaIsConsumed() {
        given(channel("web", 0, 0, 100, "DC1"), receive(WIDGET_DC1, 20), reserve(WIDGET_DC1, "R-1", 5, "b2b"));

        assertThat(changes("web")).hasSize(2);
        assertThat(changes("web").get(1)).contains("\"availableToSell\":15");
    }

    @Test
    void backorderedUnitsAreTheirOwnFigurePerChannelAndAvailableToSellStaysAtZero() throws Exception {
        given(
                channel("web", 0, 0, 100, "DC1", "DC2"),
                channel("b2b", 0, 0, 100, "DC1"),
                receive(WIDGET_DC1, 6),
                receive(WIDGET_DC2, 2),
                reserve(WIDGET_DC1, "R-1", 6, "web"),
                recorded(ledger.backordered(
                        WIDGET_DC1, "R-1", "2026-01-01T09:00:00Z", 4, "web", Ledger.backorders(4, 4, 4))));

        http.perform(get("/api/v1/channels/web/availability").param("sku", "WIDGET"))
                .andExpect(jsonPath("$.items[0].availableToSell").value(2))
                .andExpect(jsonPath("$.items[0].backordered").value(4))
                .andExpect(jsonPath("$.items[0].locations[0].location").value("DC1"))
                .andExpect(jsonPath("$.items[0].locations[0].availableToSell").value(0))
                .andExpect(jsonPath("$.items[0].locations[0].backordered").value(4))
                .andExpect(jsonPath("$.items[0].locations[1].backordered").value(0));
        http.perform(get("/api/v1/channels/b2b/availability").param("sku", "WIDGET"))
                .andExpect(jsonPath("$.items[0].backordered").value(0));
        assertThat(changes("web").get(changes("web").size() - 1)).contains("\"backordered\":4");

        given(
                receive(WIDGET_DC1, 5),
                recorded(ledger.backorderFilled(
                        WIDGET_DC1, "R-1", "2026-01-01T10:00:00Z", 4, "web", "RCV-2", Ledger.backorders(0, 0, 0))));

        http.perform(get("/api/v1/channels/web/availability").param("sku", "WIDGET"))
                .andExpect(jsonPath("$.items[0].availableToSell").value(3))
                .andExpect(jsonPath("$.items[0].backordered").value(0));
    }

    @Test
    void quotasFenceUnitsFromOtherChannelsUntilConsumedOrReleased() throws Exception {
        given(
                channel("web", 0, 0, 100, "DC1"),
                channel("b2b", 0, 0, 100, "DC1"),
                receive(WIDGET_DC1, 100),
                quota(WIDGET_DC1, "b2b", 30));

        http.perform(get("/api/v1/channels/web/availability").param("sku", "WIDGET"))
                .andExpect(jsonPath("$.items[0].availableToSell").value(70))
                .andExpect(jsonPath("$.items[0].locations[0].fencedForOthers").value(30));
        http.perform(get("/api/v1/channels/b2b/availability").param("sku", "WIDGET"))
                .andExpect(jsonPath("$.items[0].availableToSell").value(100))
                .andExpect(jsonPath("$.items[0].locations[0].ownQuota").value(30));

        given(reserve(WIDGET_DC1, "R-1", 20, "b2b"));
        http.perform(get("/api/v1/channels/web/availability").param("sku", "WIDGET"))
                .andExpect(jsonPath("$.items[0].availableToSell").value(70));
        http.perform(get("/api/v1/channels/b2b/availability").param("sku", "WIDGET"))
                .andExpect(jsonPath("$.items[0].locations[0].ownQuota").value(10));

        given(releaseReserved(WIDGET_DC1, "R-1", 20), quotaReleased(WIDGET_DC1, "b2b", 0));
        http.perform(get("/api/v1/channels/web/availability").param("sku", "WIDGET"))
                .andExpect(jsonPath("$.items[0].availableToSell").value(100));
    }

    @Test
    void aQuotaIsConsumedByEachOpenReservationOfItsChannelAndFreedAsTheyAreReleased() throws Exception {
        given(
                channel("web", 0, 0, 100, "DC1"),
                channel("b2b", 0, 0, 100, "DC1"),
                receive(WIDGET_DC1, 100),
                quota(WIDGET_DC1, "b2b", 30),
                reserve(WIDGET_DC1, "R-1", 10, "b2b"),
                reserve(WIDGET_DC1, "R-2", 15, "b2b"));
        http.perform(get("/api/v1/channels/b2b/availability").param("sku", "WIDGET"))
                .andExpect(jsonPath("$.items[0].locations[0].ownQuota").value(5));

        given(releaseReserved(WIDGET_DC1, "R-1", 10));
        http.perform(get("/api/v1/channels/b2b/availability").param("sku", "WIDGET"))
                .andExpect(jsonPath("$.items[0].locations[0].ownQuota").value(15));

        given(releaseReserved(WIDGET_DC1, "R-2", 15));
        http.perform(get("/api/v1/channels/b2b/availability").param("sku", "WIDGET"))
                .andExpect(jsonPath("$.items[0].locations[0].ownQuota").value(30));
        http.perform(get("/api/v1/channels/web/availability").param("sku", "WIDGET"))
                .andExpect(jsonPath("$.items[0].locations[0].fencedForOthers").value(30));
    }

    @Test
    void aPolicyChangeRepublishesTheChannelsAssortment() {
        given(channel("web", 0, 0, 100, "DC1"), receive(WIDGET_DC1, 10), receive(GADGET_DC1, 4));
        given(channel("web", 2, 0, 100, "DC1"));

        assertThat(changes("web")).hasSize(4);
        assertThat(changes("web").subList(2, 4))
                .anyMatch(change -> change.startsWith("WIDGET=") && change.contains("\"availableToSell\":8"))
                .anyMatch(change -> change.startsWith("GADGET=") && change.contains("\"availableToSell\":2"));
    }

    @Test
    void aBatchLogsOneChangePerSkuWithTheFiguresAfterIt() throws Exception {
        given(channel("web", 0, 0, 100, "DC1"));
        TrackedEventMessage<?> receipt = receive(WIDGET_DC1, 10);
        TrackedEventMessage<?> reservation = reserve(WIDGET_DC1, "R-1", 4, "web");
        TrackedEventMessage<?> gadget = receive(GADGET_DC1, 3);
        givenOneBatch(receipt, reservation, gadget);

        assertThat(changes("web"))
                .hasSize(2)
                .anyMatch(change -> change.startsWith("WIDGET=")
                        && change.contains("\"availableToSell\":6")
                        && change.contains("\"eventPosition\":"
                                + reservation.trackingToken().position().orElseThrow()))
                .anyMatch(change -> change.startsWith("GADGET=") && change.contains("\"availableToSell\":3"));
    }

    @Test
    void aRedeliveredEventChangesNothing() throws Exception {
        TrackedEventMessage<?> receipt = receive(WIDGET_DC1, 10);
        TrackedEventMessage<?> reservation = reserve(WIDGET_DC1, "R-1", 4, "web");
        given(channel("web", 0, 0, 100, "DC1"), receipt, reservation);
        given(receipt, reservation);

        http.perform(get("/api/v1/channels/web/availability").param("sku", "WIDGET"))
                .andExpect(jsonPath("$.items[0].availableToSell").value(6));
        assertThat(changes("web")).hasSize(2);
    }

    @Test
    void answersManySkusInOneCallInTheOrderAsked() throws Exception {
        given(channel("web", 0, 0, 100, "DC1", "DC2"), receive(WIDGET_DC1, 10), receive(BOLT_DC2, 3));

        http.perform(get("/api/v1/channels/web/availability").param("sku", "BOLT,NOSUCH,WIDGET"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items.length()").value(3))
                .andExpect(jsonPath("$.items[0].sku").value("BOLT"))
                .andExpect(jsonPath("$.items[0].availableToSell").value(3))
                .andExpect(jsonPath("$.items[1].sku").value("NOSUCH"))
                .andExpect(jsonPath("$.items[1].availableToSell").value(0))
                .andExpect(jsonPath("$.items[2].availableToSell").value(10));
    }

    @Test
    void pagesThroughTheChannelsWholeAssortment() throws Exception {
        given(
                channel("web", 0, 0, 100, "DC1", "DC2"),
                receive(WIDGET_DC1, 10),
                receive(GADGET_DC1, 4),
                receive(BOLT_DC2, 3),
                receive(WIDGET_DC3, 7));

        http.perform(get("/api/v1/channels/web/availability").param("limit", "2"))
                .andExpect(jsonPath("$.items.length()").value(2))
                .andExpect(jsonPath("$.items[0].sku").value("BOLT"))
                .andExpect(jsonPath("$.items[1].sku").value("GADGET"))
                .andExpect(jsonPath("$.next").value("GADGET"));
        http.perform(get("/api/v1/channels/web/availability")
                        .param("limit", "2")
                        .param("after", "GADGET"))
                .andExpect(jsonPath("$.items.length()").value(1))
                .andExpect(jsonPath("$.items[0].sku").value("WIDGET"))
                .andExpect(jsonPath("$.items[0].availableToSell").value(10))
                .andExpect(jsonPath("$.next").doesNotExist());
    }

    // --- refusals --------------------------------------------------------------------------------------------

    @Test
    void anUnknownChannelIsNotFound() throws Exception {
        http.perform(get("/api/v1/channels/nobody/availability").param("sku", "WIDGET"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:stockledger:problem:channel-not-found"));
        http.perform(get("/api/v1/channels/nobody/availability/stream"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:stockledger:problem:channel-not-found"));
    }

    @Test
    void badParametersAreNamed() throws Exception {
        given(channel("web", 0, 0, 100, "DC1"));
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i <= 500; i++) {
            tooMany.add("SKU-" + i);
        }
        http.perform(get("/api/v1/channels/web/availability").param("sku", String.join(",", tooMany)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.parameter").value("sku"));
        http.perform(get("/api/v1/channels/web/availability").param("sku", "bad sku"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.parameter").value("sku"));
        http.perform(get("/api/v1/channels/bad channel/availability"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.parameter").value("channel"));
        http.perform(get("/api/v1/channels/web/availability").param("limit", "501"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.parameter").value("limit"));
        http.perform(get("/api/v1/channels/web/availability").header("X-Min-Event-Position", "soon"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.parameter").value("X-Min-Event-Position"));
        http.perform(get("/api/v1/channels/web/availability").param("maxWaitMillis", "10001"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.parameter").value("maxWaitMillis"));
        http.perform(get("/api/v1/channels/web/availability/stream").header("Last-Event-ID", "-1"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.parameter").value("Last-Event-ID"));
    }

    @Test
    void aPositionNotReachedInTimeIsAProblemNotAStaleAnswer() throws Exception {
        given(channel("web", 0, 0, 100, "DC1"));
        http.perform(get("/api/v1/channels/web/availability")
                        .header("X-Min-Event-Position", "1000000000")
                        .param("maxWaitMillis", "50"))
                .andExpect(status().isPreconditionFailed())
                .andExpect(jsonPath("$.type").value("urn:stockledger:problem:position-not-reached"));
    }

    @Test
    void anInstanceThatHoldsNoSegmentJudgesThePositionByTheSharedTokens() throws Exception {
        given(channel("web", 0, 0, 100, "DC1"));
        StreamingEventProcessor processor = processing
                .eventProcessorByProcessingGroup(AvailabilityProjection.PROCESSING_GROUP, StreamingEventProcessor.class)
                .orElseThrow();
        processor.shutDown();
        var saved = jdbc.sql("SELECT token, tokenType FROM TokenEntry WHERE processorName = ?")
                .param(AvailabilityProjection.PROCESSING_GROUP)
                .query()
                .listOfRows();
        try {
            // another instance of the query side holds the segment and has committed up to position 41
            var token = serializer.serialize(GapAwareTrackingToken.newInstance(41, List.of()), byte[].class);
            jdbc.sql("DELETE FROM TokenEntry WHERE processorName = ?")
                    .param(AvailabilityProjection.PROCESSING_GROUP)
                    .update();
            jdbc.sql("INSERT INTO TokenEntry (processorName, segment, token, tokenType) VALUES (?, 0, ?, ?)")
                    .params(
                            AvailabilityProjection.PROCESSING_GROUP,
                            token.getData(),
                            token.getType().getName())
                    .update();

            http.perform(get("/api/v1/channels/web/availability")
                            .header("X-Min-Event-Position", "41")
                            .param("maxWaitMillis", "50"))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.eventPosition").value(41));
            http.perform(get("/api/v1/channels/web/availability")
                            .header("X-Min-Event-Position", "42")
                            .param("maxWaitMillis", "50"))
                    .andExpect(status().isPreconditionFailed())
                    .andExpect(jsonPath("$.type").value("urn:stockledger:problem:position-not-reached"));
        } finally {
            jdbc.sql("DELETE FROM TokenEntry WHERE processorName = ?")
                    .param(AvailabilityProjection.PROCESSING_GROUP)
                    .update();
            for (var row : saved) {
                jdbc.sql("INSERT INTO TokenEntry (processorName, segment, token, tokenType) VALUES (?, 0, ?, ?)")
                        .params(AvailabilityProjection.PROCESSING_GROUP, row.get("TOKEN"), row.get("TOKENTYPE"))
                        .update();
            }
            processor.start();
        }
    }
}
