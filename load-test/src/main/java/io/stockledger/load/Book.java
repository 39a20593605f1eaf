package io.stockledger.load;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the clients were told, so that the ledger's state can be checked against it: per position the units
 * received and shipped, per reservation what it still holds, and per movement type how many position changes
 * the audit history must show.
 */
final class Book {

    /** One reservation as its client last saw it: units still held per position, and whether it was left to expire. */
    static final class Reservation {
        final String id;
        final boolean leftToExpire;
        final Map<String, Long> held = new ConcurrentHashMap<>();

        Reservation(String id, boolean leftToExpire) {
            this.id = id;
            this.leftToExpire = leftToExpire;
        }

        long holding() {
            return held.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    final Map<String, LongAdder> received = new ConcurrentHashMap<>();
    final Map<String, LongAdder> shipped = new ConcurrentHashMap<>();
    final Map<String, LongAdder> auditEntries = new ConcurrentHashMap<>();
    final Map<String, Reservation> reservations = new ConcurrentHashMap<>();

    void receive(String position, long units) {
        add(received, position, units);
        add(auditEntries, "RECEIPT", 1);
    }

    /** A customer return put straight back to stock. */
    void returned(String position, long units) {
        add(received, position, units);
        add(auditEntries, "RETURN", 1);
    }

    /** Units sent to another location: they leave this one's on hand (in transit until received there). */
    void transferOut(String position, long units) {
        add(shipped, position, units);
        add(auditEntries, "TRANSFER_OUT", 1);
    }

    /** Units of a transfer received here. */
    void transferIn(String position, long units) {
        add(received, position, units);
        add(auditEntries, "TRANSFER_IN", 1);
    }

    void ship(String position, long units) {
        add(shipped, position, units);
        add(auditEntries, "SHIPMENT", 1);
    }

    void confirm(Reservation reservation, Map<String, Long> lines) {
        reservation.held.putAll(lines);
        reservations.put(reservation.id, reservation);
        add(auditEntries, "RESERVATION", lines.size());
        if (reservation.leftToExpire) {
            add(auditEntries, "RESERVATION_EXPIRY", lines.size());
        }
    }

    /** A fulfilment or release answered with the reservation's new holdings. */
    void settle(Reservation reservation, Map<String, Long> heldNow, boolean shipping) {
        int lines = 0;
        for (Map.Entry<String, Long> before : reservation.held.entrySet()) {
            long now = heldNow.getOrDefault(before.getKey(), 0L);
            long moved = before.getValue() - now;
            if (moved > 0) {
                lines++;
                if (shipping) {
                    add(shipped, before.getKey(), moved);
                }
            }
        }
        reservation.held.clear();
        heldNow.forEach((position, units) -> {
            if (units > 0) {
                reservation.held.put(position, units);
            }
        });
        add(auditEntries, shipping ? "FULFILMENT" : "RESERVATION_RELEASE", lines);
    }

    /** Units each position should still have reserved once every reservation left to expire has expired. */
    Map<String, Long> expectedReserved() {
        Map<String, Long> reserved = new ConcurrentHashMap<>();
        for (Reservation reservation : reservations.values()) {
            if (!reservation.leftToExpire) {
                reservation.held.forEach((position, units) -> reserved.merge(position, units, Long::sum));
            }
        }
        return reserved;
    }

    long expected(Map<String, LongAdder> counters, String key) {
        LongAdder adder = counters.get(key);
        return adder == null ? 0 : adder.sum();
    }

    List<String> positions() {
        return received.keySet().stream().sorted().toList();
    }

    private static void add(Map<String, LongAdder> counters, String key, long units) {
        counters.computeIfAbsent(key, k -> new LongAdder()).add(units);
    }
}
