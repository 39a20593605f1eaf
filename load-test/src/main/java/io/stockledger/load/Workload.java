package io.stockledger.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The mix one client plays: single- and multi-line reservations on hot and cold SKUs, fulfilments and releases of
 * its own reservations, replenishing receipts, reservations left to expire, and receipts (at a unit cost) and
 * shipments backdated up to six months.
 */
final class Workload {

    static final String SOURCE = "load-generator";
    static final int SHORT_TTL_SECONDS = 2;
    static final int LONG_TTL_SECONDS = 900;
    /** Seeding receipts are dated this far back, so that backdated movements have stock at their business time. */
    static final Duration SEEDED_AGO = Duration.ofDays(200);
    /** Backdated receipts and shipments are dated up to this far back (about six months, across period ends). */
    static final Duration BACKDATED_UP_TO = Duration.ofDays(180);

    private final LedgerClient ledger;
    private final Stats stats;
    private final Book book;
    private final Assortment assortment;
    private final String runId;
    private final AtomicLong ids;

    /** The SKUs and locations of one run; hot SKUs have little stock and many takers. */
    record Assortment(List<String> hotSkus, List<String> coldSkus, List<String> locations, double hotShare) {

        String position(ThreadLocalRandom random) {
            List<String> skus = random.nextDouble() < hotShare ? hotSkus : coldSkus;
            return skus.get(random.nextInt(skus.size())) + "@" + locations.get(random.nextInt(locations.size()));
        }

        /** A cold position: plenty of stock since seeding, so a backdated shipment never takes it below zero. */
        String coldPosition(ThreadLocalRandom random) {
            return coldSkus.get(random.nextInt(coldSkus.size())) + "@"
                    + locations.get(random.nextInt(locations.size()));
        }
    }

    Workload(LedgerClient ledger, Stats stats, Book book, Assortment assortment, String runId, AtomicLong ids) {
        this.ledger = ledger;
        this.stats = stats;
        this.book = book;
        this.assortment = assortment;
        this.runId = runId;
        this.ids = ids;
    }

    /** One client: plays operations until {@code deadline} (System.nanoTime()). */
    void play(long deadline) {
        List<Book.Reservation> mine = new ArrayList<>();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (System.nanoTime() < deadline) {
            int dice = random.nextInt(100);
            if (dice < 45) {
                reserve("reserve-single", 1, false, mine);
            } else if (dice < 60) {
                reserve("reserve-multi", 2 + random.nextInt(3), false, mine);
            } else if (dice < 65) {
                reserve("reserve-to-expire", 1, true, mine);
            } else if (dice < 80) {
                settle("fulfil", mine, true);
            } else if (dice < 90) {
                settle("release", mine, false);
            } else if (dice < 94) {
                receive(assortment.position(random), 5 + random.nextInt(16));
            } else if (dice < 97) {
                receiveBackdated(assortment.coldPosition(random), 5 + random.nextInt(16));
            } else {
                shipBackdated(assortment.coldPosition(random), 1 + random.nextInt(5));
            }
        }
    }

    void receive(String position, long units) {
        receive("receipt", position, units, Instant.now());
    }

    /** A seeding receipt, dated {@link #SEEDED_AGO}, at a unit cost. */
    void seed(String position, long units) {
        receive("seed", position, units, Instant.now().minus(SEEDED_AGO));
    }

    /** A receipt dated up to six months back, at a unit cost: it revalues the position's later movements. */
    void receiveBackdated(String position, long units) {
        receive("receipt-backdated", position, units, backdated());
    }

    private void receive(String operation, String position, long units, Instant occurredAt) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Map<String, Object> body = movement("rcv", position, units, occurredAt);
        body.put("unitCost", BigDecimal.valueOf(100 + random.nextInt(900), 2));
        LedgerClient.Answer answer = ledger.post("/api/v1/movements/receipts", body);
        if (answer.ok()) {
            stats.ok(operation, answer.nanos());
            book.receive(position, units);
        } else {
            stats.error(operation, answer.nanos(), answer.problem());
        }
    }

    /** A shipment dated up to six months back, from a cold position. */
    void shipBackdated(String position, long units) {
        LedgerClient.Answer answer =
                ledger.post("/api/v1/movements/shipments", movement("shp", position, units, backdated()));
        if (answer.ok()) {
            stats.ok("ship-backdated", answer.nanos());
            book.ship(position, units);
        } else {
            stats.error("ship-backdated", answer.nanos(), answer.problem());
        }
    }

    private Map<String, Object> movement(String kind, String position, long units, Instant occurredAt) {
        String[] parts = position.split("@");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("movementId", id(kind));
        body.put("sku", parts[0]);
        body.put("location", parts[1]);
        body.put("quantity", units);
        body.put("occurredAt", occurredAt.toString());
        body.put("sourceSystem", SOURCE);
        body.put("reference", Map.of("type", "ASN", "number", runId));
        return body;
    }

    private static Instant backdated() {
        long millis = ThreadLocalRandom.current().nextLong(BACKDATED_UP_TO.toMillis());
        return Instant.now().minusMillis(millis);
    }

    private void reserve(String operation, int lineCount, boolean leftToExpire, List<Book.Reservation> mine) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Map<String, Long> lines = new LinkedHashMap<>();
        while (lines.size() < lineCount) {
            lines.putIfAbsent(assortment.position(random), 1L + random.nextInt(3));
        }
        String reservationId = id("res");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reservationId", reservationId);
        body.put("channel", "load-" + runId);
        body.put("orderReference", "SO-" + reservationId);
        body.put("sourceSystem", SOURCE);
        body.put("ttlSeconds", leftToExpire ? SHORT_TTL_SECONDS : LONG_TTL_SECONDS);
        body.put("lines", lines.entrySet().stream().map(Workload::line).toList());
        LedgerClient.Answer answer = ledger.post("/api/v1/reservations", body);
        if (answer.ok() && "CONFIRMED".equals(answer.body().path("status").asText())) {
            stats.ok(operation, answer.nanos());
            Book.Reservation reservation = new Book.Reservation(reservationId, leftToExpire);
            book.confirm(reservation, lines);
            if (!leftToExpire) {
                mine.add(reservation);
            }
        } else if (answer.status() == 409 && "reservation-rejected".equals(answer.problem())) {
            stats.rejected(operation, answer.nanos(), rejectionReason(answer.body()));
        } else {
            stats.error(operation, answer.nanos(), answer.problem());
        }
    }

    private void settle(String operation, List<Book.Reservation> mine, boolean shipping) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        mine.removeIf(reservation -> reservation.holding() == 0);
        if (mine.isEmpty()) {
            return;
        }
        Book.Reservation reservation = mine.get(random.nextInt(mine.size()));
        Map<String, Object> body = new LinkedHashMap<>();
        if (random.nextBoolean()) {
            Map.Entry<String, Long> some =
                    reservation.held.entrySet().iterator().next();
            long part = Math.max(1, some.getValue() / 2);
            body.put("lines", List.of(line(Map.entry(some.getKey(), part))));
        }
        if (shipping) {
            body.put("movementId", id("ship"));
            body.put("sourceSystem", SOURCE);
        }
        String path = "/api/v1/reservations/" + reservation.id + (shipping ? "/fulfilments" : "/releases");
        LedgerClient.Answer answer = ledger.post(path, body);
        if (answer.ok()) {
            stats.ok(operation, answer.nanos());
            book.settle(reservation, heldPerPosition(answer.body()), shipping);
        } else {
            stats.error(operation, answer.nanos(), answer.problem());
        }
    }

    private static Map<String, Object> line(Map.Entry<String, Long> line) {
        String[] parts = line.getKey().split("@");
        return Map.of("sku", parts[0], "location", parts[1], "quantity", line.getValue());
    }

    /** The units a reservation answer says are still held, per position ({@code SKU@LOCATION}). */
    static Map<String, Long> heldPerPosition(JsonNode reservation) {
        Map<String, Long> held = new HashMap<>();
        for (JsonNode line : reservation.path("lines")) {
            held.put(
                    line.path("sku").asText() + "@" + line.path("location").asText(),
                    line.path("reserved").asLong());
        }
        return held;
    }

    private static String rejectionReason(JsonNode problem) {
        JsonNode rejections = problem.path("rejections");
        return rejections.isArray() && !rejections.isEmpty()
                ? rejections.get(0).path("reason").asText("rejected")
                : "rejected";
    }

    private String id(String kind) {
        return runId + "-" + kind + "-" + ids.incrementAndGet();
    }
}
