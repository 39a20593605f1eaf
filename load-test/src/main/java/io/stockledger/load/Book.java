package io.stockledger.load;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the clients were told, so that the ledger's state can be checked against it: per position the units
 * received and shipped and the differences its counts found, per reservation what it still holds, and per
 * movement type how many position changes the audit history must show.
 *
 * <p>A count sets on hand to an absolute figure, so the Book can follow it only if nothing else changes that
 * position's on hand while it is counted: a client counts a position while holding its {@linkplain
 * #counting lock}, and every other change of a position's stock or reservations is made {@linkplain #moving
 * under its shared lock} (as a warehouse freezes a bin while counting it).
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
    /** Per position, the signed differences its counts found (units found, or lost when negative). */
    final Map<String, LongAdder> counted = new ConcurrentHashMap<>();
    /**
     * Per position, the units reservations hold at most: reserved by confirmed reservations, less what they shipped
     * or released; units given back by an expiry stay counted (when it happens is the ledger's business).
     */
    private final Map<String, LongAdder> heldAtMost = new ConcurrentHashMap<>();

    private final Map<String, ReadWriteLock> locks = new ConcurrentHashMap<>();

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

    /** Reserved units the warehouse could not find: they leave on hand; the reservation still holds them. */
    void shortPicked(String position, long units) {
        add(shipped, position, units);
        add(auditEntries, "SHORT_PICK", 1);
    }

    /** A count found on hand {@code difference} units off what the Book expected; on hand now is the counted figure. */
    void counted(String position, long difference) {
        add(counted, position, difference);
        add(auditEntries, "COUNT", 1);
    }

    /** On hand as the acknowledged movements imply: received - shipped + the differences counts found. */
    long onHand(String position) {
        return expected(received, position) - expected(shipped, position) + expected(counted, position);
    }

    /** At most how many units of the position are reserved now (exact but for expiries that already happened). */
    long reservedAtMost(String position) {
        return expected(heldAtMost, position);
    }

    /**
     * Runs {@code change} holding the shared locks of {@code positions} (taken in the order of their ids, so two
     * changes and a count never wait on each other in a cycle): no count of these positions runs meanwhile.
     */
    <T> T moving(Collection<String> positions, Supplier<T> change) {
        List<Lock> held = positions.stream()
                .distinct()
                .sorted()
                .map(position -> lock(position).readLock())
                .toList();
        held.forEach(Lock::lock);
        try {
            return change.get();
        } finally {
            held.forEach(Lock::unlock);
        }
    }

    /** Runs {@code count} holding the position's exclusive lock: no other client changes its stock meanwhile. */
    <T> T counting(String position, Supplier<T> count) {
        Lock lock = lock(position).writeLock();
        lock.lock();
        try {
            return count.get();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code change} for a client's bulk round: holding the shared locks of {@code moving} (taken in the order of
     * their ids, like {@link #moving}) and the exclusive lock of each position of {@code counting} that no one holds
     * now; {@code change} is told which positions it may count. A count in bulk mode never waits for a lock, so it
     * never holds up the rounds of other clients: a position that is moving is counted in a later round, or another
     * one. None of {@code counting} may be among {@code moving}.
     */
    <T> T changing(Collection<String> moving, Collection<String> counting, Function<Set<String>, T> change) {
        Set<String> exclusive = Set.copyOf(counting);
        if (moving.stream().anyMatch(exclusive::contains)) {
            throw new IllegalArgumentException("a position is counted while it moves: " + counting);
        }
        List<Lock> held = new ArrayList<>(moving.stream()
                .distinct()
                .sorted()
                .map(position -> lock(position).readLock())
                .toList());
        held.forEach(Lock::lock);
        try {
            Set<String> counted = new HashSet<>();
            for (String position : exclusive) {
                Lock lock = lock(position).writeLock();
                if (lock.tryLock()) {
                    held.add(lock);
                    counted.add(position);
                }
            }
            return change.apply(counted);
        } finally {
            held.forEach(Lock::unlock);
        }
    }

    void ship(String position, long units) {
        add(shipped, position, units);
        add(auditEntries, "SHIPMENT", 1);
    }

    void confirm(Reservation reservation, Map<String, Long> lines) {
        reservation.held.putAll(lines);
        lines.forEach((position, units) -> add(heldAtMost, position, units));
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
                add(heldAtMost, before.getKey(), -moved);
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

    private ReadWriteLock lock(String position) {
        return locks.computeIfAbsent(position, p -> new ReentrantReadWriteLock());
    }

    private static void add(Map<String, LongAdder> counters, String key, long units) {
        counters.computeIfAbsent(key, k -> new LongAdder()).add(units);
    }
}
