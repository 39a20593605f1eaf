package io.stockledger.load;

import com.fasterxml.jackson.databind.JsonNode;
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
 * its own reservations, replenishing receipts, and reservations left to expire.
 */
final class Workload {

    static final String SOURCE = "load-generator";
    static final int SHORT_TTL_SECONDS = 2;
    static final int LONG_TTL_SECONDS = 900;

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
            } else {
                receive(assortment.position(random), 5 + random.nextInt(16));
            }
        }
    }

    void receive(String position, long units) {
        String[] parts = position.split("@");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("movementId", id("rcv"));
        body.put("sku", parts[0]);
        body.put("location", parts[1]);
        body.put("quantity", units);
        body.put("occurredAt", Instant.now().toString());
        body.put("sourceSystem", SOURCE);
        body.put("reference", Map.of("type", "ASN", "number", runId));
        LedgerClient.Answer answer = ledger.post("/api/v1/movements/receipts", body);
        if (answer.ok()) {
            stats.ok("receipt", answer.nanos());
            book.receive(position, units);
        } else {
            stats.error("receipt", answer.nanos(), answer.problem());
        }
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
