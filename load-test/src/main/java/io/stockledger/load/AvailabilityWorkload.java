package io.stockledger.load;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Channel availability under load: readers that ask for the available-to-sell of 100 SKUs in one call, and one
 * freshness probe that posts a receipt to a position of its own and measures the time from the receipt's 2xx until
 * the channel's availability shows it, alternately by polling ({@code freshness}) and by asking once with the
 * receipt's event position ({@code read-your-writes}, which waits on the query side).
 */
final class AvailabilityWorkload {

    static final String BULK = "availability-100";
    static final String FRESHNESS = "freshness";
    static final String READ_YOUR_WRITES = "read-your-writes";

    private final LedgerClient ledger;
    private final Stats stats;
    private final String channel;
    private final List<String> bulkSkus;
    private final String probeSku;
    private final String probeLocation;
    private final String runId;

    AvailabilityWorkload(
            LedgerClient ledger,
            Stats stats,
            String channel,
            List<String> bulkSkus,
            String probeSku,
            String probeLocation,
            String runId) {
        this.ledger = ledger;
        this.stats = stats;
        this.channel = channel;
        this.bulkSkus = bulkSkus;
        this.probeSku = probeSku;
        this.probeLocation = probeLocation;
        this.runId = runId;
    }

    /**
     * Defines the channel over every location of the run, with the default policy, and waits until the query side
     * knows it (reading the definition's own event position back).
     */
    void define(List<String> locations) {
        LedgerClient.Answer answer = ledger.put("/api/v1/channels/" + channel, Map.of("locations", locations));
        if (!answer.ok()) {
            throw new IllegalStateException("cannot define channel " + channel + ": " + answer.body());
        }
        Map<String, String> atLeast =
                answer.eventPosition() == null ? Map.of() : Map.of("X-Min-Event-Position", answer.eventPosition());
        LedgerClient.Answer known = null;
        for (int attempt = 0; attempt < 12 && (known == null || !known.ok()); attempt++) {
            known = availability(Map.of("sku", probeSku, "maxWaitMillis", "10000"), atLeast);
        }
        if (!known.ok()) {
            throw new IllegalStateException("the query side does not know channel " + channel + ": " + known.body());
        }
    }

    /** One reader: bulk reads until {@code deadline}. */
    void read(long deadline) {
        String skus = String.join(",", bulkSkus);
        while (System.nanoTime() < deadline) {
            LedgerClient.Answer answer = availability(Map.of("sku", skus), Map.of());
            if (answer.ok() && answer.body().path("items").size() == bulkSkus.size()) {
                stats.ok(BULK, answer.nanos());
            } else {
                stats.error(BULK, answer.nanos(), answer.problem());
            }
        }
    }

    /** The probe: one receipt at a time, each followed by a freshness measurement, until {@code deadline}. */
    void probe(long deadline) throws InterruptedException {
        long units = 0;
        long sequence = 0;
        while (System.nanoTime() < deadline) {
            LedgerClient.Answer receipt = ledger.post("/api/v1/movements/receipts", receipt(++sequence));
            long acknowledged = System.nanoTime();
            if (!receipt.ok()) {
                stats.error(FRESHNESS, receipt.nanos(), "receipt:" + receipt.problem());
                continue;
            }
            units++;
            if (sequence % 2 == 1) {
                poll(units, acknowledged);
            } else {
                readYourWrites(units, receipt.eventPosition(), acknowledged);
            }
            Thread.sleep(20);
        }
    }

    private void poll(long expected, long acknowledged) {
        long giveUp = acknowledged + 30_000_000_000L;
        while (System.nanoTime() < giveUp) {
            LedgerClient.Answer answer = availability(Map.of("sku", probeSku), Map.of());
            if (answer.ok() && availableToSell(answer) >= expected) {
                stats.ok(FRESHNESS, System.nanoTime() - acknowledged);
                return;
            }
        }
        stats.error(FRESHNESS, System.nanoTime() - acknowledged, "not visible within 30 s");
    }

    private void readYourWrites(long expected, String eventPosition, long acknowledged) {
        if (eventPosition == null) {
            stats.error(READ_YOUR_WRITES, 0, "no X-Event-Position");
            return;
        }
        LedgerClient.Answer answer =
                availability(Map.of("sku", probeSku), Map.of("X-Min-Event-Position", eventPosition));
        long nanos = System.nanoTime() - acknowledged;
        if (answer.ok() && availableToSell(answer) >= expected) {
            stats.ok(READ_YOUR_WRITES, nanos);
        } else if (answer.ok()) {
            stats.error(READ_YOUR_WRITES, nanos, "stale answer");
        } else {
            stats.rejected(READ_YOUR_WRITES, nanos, answer.problem());
        }
    }

    private LedgerClient.Answer availability(Map<String, String> parameters, Map<String, String> headers) {
        return ledger.query("/api/v1/channels/" + channel + "/availability", parameters, headers);
    }

    private static long availableToSell(LedgerClient.Answer answer) {
        return answer.body().path("items").path(0).path("availableToSell").asLong(-1);
    }

    private Map<String, Object> receipt(long sequence) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("movementId", "probe-" + runId + "-" + sequence);
        body.put("sku", probeSku);
        body.put("location", probeLocation);
        body.put("quantity", 1);
        body.put("occurredAt", Instant.now().toString());
        body.put("sourceSystem", Workload.SOURCE);
        body.put("reference", Map.of("type", "ASN", "number", runId));
        return body;
    }
}
