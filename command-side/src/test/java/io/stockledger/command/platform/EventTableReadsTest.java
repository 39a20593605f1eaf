package io.stockledger.command.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A tracking reader whose token holds gaps gets its next batch and the gaps through the event table's primary key,
 * not by scanning the whole log on every poll as Axon's own statement makes H2 do.
 */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:event-table-reads-${random.uuid};DB_CLOSE_DELAY=-1")
class EventTableReadsTest {

    @Autowired
    EventStorageEngine engine;

    @Autowired
    DataSource dataSource;

    @Autowired
    DurableLog durableLog;

    @Test
    void readsTheNextBatchAndTheGapsThroughThePrimaryKey() throws SQLException {
        long first = new JdbcTemplate(dataSource).queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);
        List<GenericDomainEventMessage<String>> log = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            log.add(new GenericDomainEventMessage<>("Probe", "probe-" + i, 0, "event " + i));
        }
        engine.appendEvents(log);
        durableLog.syncThrough(durableLog.lastCommittedIndex());
        new JdbcTemplate(dataSource).execute("SET QUERY_STATISTICS TRUE");

        // A reader at first + 1,500 that still waits for first + 3 and first + 700.
        List<Object> read = engine.readEvents(
                        GapAwareTrackingToken.newInstance(first + 1_500, Set.of(first + 3, first + 700)), false)
                .limit(3)
                .<Object>map(TrackedEventMessage::getPayload)
                .toList();

        assertThat(read).containsExactly("event 3", "event 700", "event 1501");
        assertThat(new JdbcTemplate(dataSource)
                        .queryForList(
                                "SELECT SQL_STATEMENT FROM INFORMATION_SCHEMA.QUERY_STATISTICS"
                                        + " WHERE SQL_STATEMENT LIKE '%DomainEventEntry%'",
                                String.class))
                .as("the statements the engine read the log with")
                .anySatisfy(sql -> assertThat(sql).contains("UNION ALL"))
                .noneSatisfy(sql -> assertThat(sql).contains(" OR "));
        assertThat(rowsScanned(
                        EventTableReads.sql(new EventSchema(), 2),
                        first + 1_500,
                        first + 1_600,
                        first + 3,
                        first + 700))
                .as("rows H2 reads for a batch of 100 and two gaps: those, a look past each end, and the durable head")
                .isLessThanOrEqualTo(115);
    }

    @Test
    void readsNothingPastTheDurableHead() {
        engine.appendEvents(new GenericDomainEventMessage<>("Probe", "synced", 0, "committed and synced"));
        long head = durableLog.lastCommittedIndex();
        durableLog.syncThrough(head);
        engine.appendEvents(new GenericDomainEventMessage<>("Probe", "not-yet-synced", 0, "committed, not synced"));

        assertThat(engine.readEvents(GapAwareTrackingToken.newInstance(head, Set.of()), false)
                        .limit(1)
                        .<Object>map(TrackedEventMessage::getPayload)
                        .findFirst())
                .as("an event above the durable head")
                .isEmpty();
        assertThat(engine.createHeadToken().position()).hasValue(head);

        durableLog.syncThrough(durableLog.lastCommittedIndex());
        assertThat(engine.readEvents(GapAwareTrackingToken.newInstance(head, Set.of()), false)
                        .limit(1)
                        .<Object>map(TrackedEventMessage::getPayload)
                        .findFirst())
                .hasValue("committed, not synced");
    }

    /** How many rows H2 reads to answer a statement ({@code EXPLAIN ANALYZE}'s scan counts, summed). */
    private long rowsScanned(String sql, long... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement explain = connection.prepareStatement("EXPLAIN ANALYZE " + sql)) {
            for (int i = 0; i < parameters.length; i++) {
                explain.setLong(i + 1, parameters[i]);
            }
            try (ResultSet plan = explain.executeQuery()) {
                plan.next();
                return Pattern.compile("scanCount: (\\d+)")
                        .matcher(plan.getString(1))
                        .results()
                        .mapToLong(found -> Long.parseLong(found.group(1)))
                        .sum();
            }
        }
    }
}
