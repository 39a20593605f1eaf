package io.stockledger.load;

import io.stockledger.store.StoreLogin;
import io.stockledger.store.StorePassword;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A position with a long history, made quickly: one receipt is posted through the API, then its event row is cloned
 * straight into the command side's event table ({@code DomainEventEntry}, over the H2 file's AUTO_SERVER
 * connection) until the position has {@code events} events. Posting that many movements through the API would take
 * far longer than the rest of the run. Each clone continues the position's sequence numbers and has its own event
 * id and movement id; their business times ({@code occurredAt} in the JSON payload) are spread evenly over
 * {@link #SPAN}, the first receipt at its start, and each clone's {@code after.onHand} is the running total, as the
 * aggregate would have written it. The clones are written in a few big {@code INSERT ... SELECT FROM SYSTEM_RANGE}
 * statements (one transaction each) that edit the payload text with SQL string functions.
 *
 * <p>So the balance as of any instant {@code t} of the span is {@link #units} × the number of receipts at or before
 * {@code t}: {@link #expectedOnHand}.
 */
final class DeepPosition {

    /** The business times of the receipts are spread over this span, ending a day before the run. */
    static final Duration SPAN = Duration.ofDays(100);

    /**
     * Rows per statement (and transaction): fewer than a tracking token keeps gaps for (Axon's {@code maxGapOffset},
     * 10,000), so that an event the ledger appends meanwhile, committed before the clones below it, cannot make a
     * processor give up on them.
     */
    private static final int ROWS_PER_STATEMENT = 5_000;

    final String sku;
    final String location;
    final long events;
    final long units;
    final Instant start;
    final long stepMillis;

    DeepPosition(String sku, String location, long events, long units, Instant now) {
        this.sku = sku;
        this.location = location;
        this.events = events;
        this.units = units;
        this.stepMillis = Math.max(1, SPAN.toMillis() / events);
        this.start =
                now.truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofDays(1)).minus(SPAN);
    }

    String position() {
        return sku + "@" + location;
    }

    /** The business time of receipt {@code i} (0: the one posted through the API). */
    Instant occurredAt(long i) {
        return start.plusMillis(i * stepMillis);
    }

    /** The last receipt's business time. */
    Instant end() {
        return occurredAt(events - 1);
    }

    /** On hand as of {@code t}: {@link #units} for each receipt at or before it. */
    long expectedOnHand(Instant t) {
        if (t.isBefore(start)) {
            return 0;
        }
        long receipts = Math.min(events, (t.toEpochMilli() - start.toEpochMilli()) / stepMillis + 1);
        return receipts * units;
    }

    /** The first receipt, to post through the API. */
    Map<String, Object> firstReceipt(String movementId, String reference) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("movementId", movementId);
        body.put("sku", sku);
        body.put("location", location);
        body.put("quantity", units);
        body.put("occurredAt", start.toString());
        body.put("sourceSystem", Workload.SOURCE);
        body.put("reference", Map.of("type", "ASN", "number", reference));
        return body;
    }

    /**
     * Clones the event row of receipt {@code movementId} (already recorded) into events 1 .. {@code events - 1} of
     * its position; answers the clones written.
     */
    long cloneReceipt(String eventsUrl, String movementId) throws SQLException {
        try (Connection connection =
                StoreLogin.connect(eventsUrl, StorePassword.USER, StorePassword.findFor(eventsUrl))) {
            Original original = find(connection, movementId);
            String occurred = '"' + "occurredAt" + "\":\"" + start + '"';
            require(original.payload, occurred);
            String onHand = "\"after\":{\"onHand\":" + units + ",";
            require(original.payload, onHand);
            require(original.payload, '"' + movementId + '"');
            String format = "yyyy-MM-dd''T''HH:mm:ss.SSS''Z''";
            // The business time as Jackson writes an Instant (ISO-8601, UTC); ".SSS" parses whatever its millis.
            String sql = ("INSERT INTO DomainEventEntry (aggregateIdentifier, sequenceNumber, type, eventIdentifier,"
                            + " metaData, payload, payloadRevision, payloadType, timeStamp)"
                            + " SELECT ?, ? + X, ?, CAST(RANDOM_UUID() AS VARCHAR), ?,"
                            + " STRINGTOUTF8(REPLACE(REPLACE(REPLACE(?,"
                            + " ?, CONCAT('\"', ?, '-', X, '\"')),"
                            + " ?, CONCAT('\"occurredAt\":\"', FORMATDATETIME(DATEADD(MILLISECOND, X * ?,"
                            + " CAST(? AS TIMESTAMP WITH TIME ZONE)), '%s', 'en', 'UTC'), '\"')),"
                            + " ?, CONCAT('\"after\":{\"onHand\":', (X + 1) * ?, ','))),"
                            + " ?, ?, ? FROM SYSTEM_RANGE(?, ?)")
                    .formatted(format);
            long written = 0;
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                for (long from = 1; from < events; from += ROWS_PER_STATEMENT) {
                    long to = Math.min(events - 1, from + ROWS_PER_STATEMENT - 1);
                    int p = 1;
                    insert.setString(p++, original.aggregateId);
                    insert.setLong(p++, original.sequence);
                    insert.setString(p++, original.type);
                    insert.setBytes(p++, original.metaData);
                    insert.setString(p++, original.payload);
                    insert.setString(p++, '"' + movementId + '"');
                    insert.setString(p++, movementId);
                    insert.setString(p++, occurred);
                    insert.setLong(p++, stepMillis);
                    insert.setString(p++, start.toString());
                    insert.setString(p++, onHand);
                    insert.setLong(p++, units);
                    insert.setString(p++, original.payloadRevision);
                    insert.setString(p++, original.payloadType);
                    insert.setString(p++, original.timeStamp);
                    insert.setLong(p++, from);
                    insert.setLong(p, to);
                    written += insert.executeUpdate();
                    connection.commit();
                }
            }
            publish(connection);
            return written;
        }
    }

    /**
     * Makes the clones readable: readers of the log stop at its durable head, which the command side moves only after
     * its own syncs. The clones are synced to disk, then the head is moved past them.
     */
    private static void publish(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CHECKPOINT SYNC");
            statement.executeUpdate("UPDATE event_log_head SET durable_index = (SELECT MAX(globalIndex) FROM"
                    + " DomainEventEntry) WHERE id = 1");
            connection.commit();
        }
    }

    /** The one event of the receipt posted through the API: the position's first. */
    private static Original find(Connection connection, String movementId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT aggregateIdentifier, sequenceNumber, type, metaData, payload, payloadRevision, payloadType,"
                        + " timeStamp FROM DomainEventEntry ORDER BY globalIndex DESC FETCH FIRST 200 ROWS ONLY")) {
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String payload = new String(rows.getBytes("payload"), StandardCharsets.UTF_8);
                    if (payload.contains('"' + movementId + '"')
                            && rows.getString("payloadType").endsWith("StockReceived")) {
                        return new Original(
                                rows.getString("aggregateIdentifier"),
                                rows.getLong("sequenceNumber"),
                                rows.getString("type"),
                                rows.getBytes("metaData"),
                                payload,
                                rows.getString("payloadRevision"),
                                rows.getString("payloadType"),
                                rows.getString("timeStamp"));
                    }
                }
            }
        }
        throw new IllegalStateException("no StockReceived event of movement " + movementId + " among the last 200");
    }

    private static void require(String payload, String part) {
        if (!payload.contains(part)) {
            throw new IllegalStateException("the receipt's payload has no " + part + ": " + payload);
        }
    }

    private record Original(
            String aggregateId,
            long sequence,
            String type,
            byte[] metaData,
            String payload,
            String payloadRevision,
            String payloadType,
            String timeStamp) {}
}
