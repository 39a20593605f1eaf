package io.stockledger.command.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An event store written before group commit (events as BLOBs, a unique index on the event identifier, no durable
 * head) is migrated in place: its events read back unchanged, the log carries on at the next global index, and every
 * event in it counts as durable.
 */
class EventStoreMigrationTest {

    private final JdbcDataSource store = new JdbcDataSource();
    private final JdbcTemplate jdbc;

    EventStoreMigrationTest() {
        store.setURL("jdbc:h2:mem:migration-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        store.setUser("sa");
        jdbc = new JdbcTemplate(store);
    }

    @Test
    void anOlderStoreKeepsItsEventsAndLosesItsLobsAndItsRandomIndex() {
        migrate("20");
        insertEvent("position-1", 0, "{\"first\":true}");
        insertEvent("position-1", 1, "{\"second\":true}");
        assertThat(columnType("PAYLOAD")).isEqualTo("BINARY LARGE OBJECT");
        assertThat(uniqueConstraintsOn("EVENTIDENTIFIER")).isEqualTo(1);

        migrate("latest");

        assertThat(columnType("PAYLOAD")).isEqualTo("BINARY VARYING");
        assertThat(columnType("METADATA")).isEqualTo("BINARY VARYING");
        assertThat(uniqueConstraintsOn("EVENTIDENTIFIER")).isZero();
        assertThat(jdbc.queryForList("SELECT payload FROM DomainEventEntry ORDER BY globalIndex", byte[].class))
                .extracting(bytes -> new String(bytes, StandardCharsets.UTF_8))
                .containsExactly("{\"first\":true}", "{\"second\":true}");
        long last = jdbc.queryForObject("SELECT MAX(globalIndex) FROM DomainEventEntry", Long.class);
        assertThat(jdbc.queryForObject("SELECT durable_index FROM event_log_head", Long.class))
                .as("what the store held when it was migrated is on disk")
                .isEqualTo(last);
        insertEvent("position-1", 2, "{\"third\":true}");
        assertThat(jdbc.queryForObject("SELECT globalIndex FROM DomainEventEntry WHERE sequenceNumber = 2", Long.class))
                .isEqualTo(last + 1);
    }

    @Test
    void twoEventsOfOneStreamAtOnePlaceAreStillRefused() {
        migrate("latest");
        insertEvent("position-1", 0, "{}");

        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> insertEvent("position-1", 0, "{}")))
                .hasMessageContaining("Unique index or primary key violation");
    }

    private void migrate(String target) {
        Flyway.configure()
                .dataSource(store)
                .locations("classpath:db/events")
                .target(target)
                .load()
                .migrate();
    }

    private void insertEvent(String aggregate, long sequence, String payload) {
        jdbc.update(
                """
                INSERT INTO DomainEventEntry (aggregateIdentifier, sequenceNumber, type, eventIdentifier, metaData,
                    payload, payloadType, timeStamp)
                VALUES (?, ?, 'StockPosition', ?, ?, ?, 'Probe', '2026-12-01T00:00:00Z')
                """,
                aggregate,
                sequence,
                UUID.randomUUID().toString(),
                "{}".getBytes(StandardCharsets.UTF_8),
                payload.getBytes(StandardCharsets.UTF_8));
    }

    private String columnType(String column) {
        return jdbc.queryForObject(
                "SELECT DATA_TYPE FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'DOMAINEVENTENTRY' AND COLUMN_NAME = ?",
                String.class,
                column);
    }

    private int uniqueConstraintsOn(String column) {
        return jdbc.queryForObject(
                """
                SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS c
                JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE k ON k.CONSTRAINT_NAME = c.CONSTRAINT_NAME
                WHERE c.TABLE_NAME = 'DOMAINEVENTENTRY' AND c.CONSTRAINT_TYPE = 'UNIQUE' AND k.COLUMN_NAME = ?
                """,
                Integer.class,
                column);
    }
}
