package io.stockledger.load;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One client of the distributor day in bulk mode, as an OMS or WMS feed: it sends its next operations in one bulk
 * request per endpoint (movements, reservations), up to the bulk size each, and books each item's answer exactly as
 * the single-request client books a single answer (same Book, same operations, same outcomes). An operation that
 * needs an earlier one's answer (the fulfilment after its reservation's confirmation, the short pick's release, a
 * transfer's receipt) goes in a later round. Each round takes the shared locks of the positions it changes and the
 * exclusive locks of the positions it counts, which nothing else in the round touches; so a count's figure is
 * what the Book expects, as in single mode. A count takes its lock only when no other round holds the position (it
 * never makes another client wait), else it is counted in a later round. Each movement is dated when its request
 * is sent, under those locks, so none is dated before a count of its position that was recorded first. Every item
 * of a request is timed by its request.
 */
final class BulkPlay {

    /** An operation waiting for its round: the single request it stands for and what to do with its answer. */
    private record Pending(
            String path,
            Supplier<Map<String, Object>> body,
            Set<String> positions,
            String counted,
            boolean retry,
            Consumer<LedgerClient.Answer> then) {

        static Pending of(
                String path, Map<String, Object> body, Set<String> positions, Consumer<LedgerClient.Answer> then) {
            return new Pending(path, () -> body, positions, null, false, then);
        }
    }

    /** What the bulk requests carried: requests, items and their time, per endpoint. */
    static final String MOVEMENTS_REQUESTS = "movements-bulk";

    static final String RESERVATIONS_REQUESTS = "reservations-bulk";

    private final DistributorDay day;
    private final LedgerClient ledger;
    private final Stats stats;
    private final Stats requests;
    private final Book book;
    private final int bulkSize;
    private final AtomicLong ids;
    private final Deque<Pending> next = new ArrayDeque<>();
    /** Counts due but not yet sent: they wait for a round that leaves a position free to count. */
    private int countsDue;

    BulkPlay(
            DistributorDay day,
            LedgerClient ledger,
            Stats stats,
            Stats requests,
            Book book,
            int bulkSize,
            AtomicLong ids) {
        this.day = day;
        this.ledger = ledger;
        this.stats = stats;
        this.requests = requests;
        this.book = book;
        this.bulkSize = Math.max(1, Math.min(bulkSize, Bulk.MAX_ITEMS));
        this.ids = ids;
    }

    /**
     * Rounds until the phase's order lines are issued (or its deadline passed) and every operation they led to is
     * answered. At a fixed rate a round sends what is due and waits only when nothing is.
     */
    void client(AtomicLong issued, long lines, double perSecond, long start, long deadline)
            throws InterruptedException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        boolean ordering = true;
        while (true) {
            List<Pending> round = new ArrayList<>();
            int[] sizes = new int[2];
            while (!next.isEmpty() && fits(sizes, next.peek())) {
                add(round, sizes, next.poll());
            }
            while (ordering && sizes[0] < bulkSize && sizes[1] < bulkSize) {
                if (System.nanoTime() >= deadline) {
                    ordering = false;
                    break;
                }
                int count = DistributorDay.orderLineCount(random);
                if (perSecond > 0) {
                    long slot = start + (long) (issued.get() / perSecond * 1e9);
                    long wait = slot - System.nanoTime();
                    if (wait > 0 && !round.isEmpty()) {
                        break;
                    }
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
                long before = issued.getAndAdd(count);
                if (before >= lines) {
                    ordering = false;
                    break;
                }
                order(round, sizes, count, random);
                if (DistributorDay.replenishes(before, count)) {
                    String position = day.position(random);
                    long units = DistributorDay.replenishment(random);
                    add(
                            round,
                            sizes,
                            Pending.of(
                                    DistributorDay.RECEIPTS,
                                    day.receiptBody(position, units),
                                    Set.of(position),
                                    answer -> day.received(stats, book, "replenishment", position, units, answer)));
                }
                if (DistributorDay.returns(before, count)) {
                    String position = day.position(random);
                    add(
                            round,
                            sizes,
                            Pending.of(
                                    DistributorDay.RETURNS,
                                    day.returnBody(position, ids),
                                    Set.of(position),
                                    answer -> day.returned(stats, book, position, answer)));
                }
                if (day.transfers(before, count)) {
                    transfer(round, sizes, day.transfer(random, ids));
                }
                if (day.counts(before, count)) {
                    countsDue++;
                }
            }
            counts(round, sizes, random);
            if (round.isEmpty()) {
                if (!ordering && next.isEmpty() && countsDue == 0) {
                    return;
                }
                continue;
            }
            if (round.stream().allMatch(Pending::retry)) {
                // only receipts the ledger has not put in transit yet: give it a moment, as the single client does
                Thread.sleep(20);
            }
            if (send(round) == 0) {
                // every count of the round is on a position another round moves now: a moment before the next try
                Thread.sleep(5);
            }
        }
    }

    private void request(String endpoint, List<Pending> sent) {
        List<Bulk.Item> items = sent.stream()
                .map(pending ->
                        Bulk.item(pending.path(), happeningNow(pending.body().get())))
                .toList();
        LedgerClient.Answer answer = ledger.post(endpoint, Bulk.request(items));
        String requested = endpoint.equals(Bulk.RESERVATIONS) ? RESERVATIONS_REQUESTS : MOVEMENTS_REQUESTS;
        if (answer.status() == 200) {
            requests.ok(requested, answer.nanos());
        } else {
            requests.error(requested, answer.nanos(), answer.problem());
        }
        requests.of(requested).items.add(items.size());
        List<LedgerClient.Answer> answers = Bulk.answers(answer, items.size());
        for (int i = 0; i < sent.size(); i++) {
            sent.get(i).then().accept(answers.get(i));
        }
    }

    /**
     * The body dated now, under the round's locks, if it carries a business time. Built earlier (when its round was
     * put together, or when the answer it follows came, or on a transfer receipt's first try) it could be dated before
     * a count another client recorded meanwhile, and the ledger's count absorbs a movement dated before it: on hand
     * would not change as the Book expects.
     */
    private static Map<String, Object> happeningNow(Map<String, Object> body) {
        if (!body.containsKey("occurredAt")) {
            return body;
        }
        Map<String, Object> now = new LinkedHashMap<>(body);
        now.put("occurredAt", Instant.now().toString());
        return now;
    }

    private boolean fits(int[] sizes, Pending pending) {
        return sizes[endpoint(pending.path()) == Bulk.RESERVATIONS ? 0 : 1] < bulkSize;
    }

    private static void add(List<Pending> round, int[] sizes, Pending pending) {
        sizes[endpoint(pending.path()) == Bulk.RESERVATIONS ? 0 : 1]++;
        round.add(pending);
    }

    private static String endpoint(String path) {
        return path.startsWith(DistributorDay.RESERVATIONS) ? Bulk.RESERVATIONS : Bulk.MOVEMENTS;
    }

    /** A new order's reservation; its fulfilment, release or short pick follows in a later round. */
    private void order(List<Pending> round, int[] sizes, int lineCount, ThreadLocalRandom random) {
        Map<String, Long> lines = day.orderLines(random, lineCount);
        DistributorDay.Fate fate = new DistributorDay.Fate(random.nextInt(100));
        String reservationId = day.runId() + "-res-" + ids.incrementAndGet();
        Map<String, Object> body = day.placeBody(reservationId, fate, lines, random);
        add(round, sizes, Pending.of(DistributorDay.RESERVATIONS, body, lines.keySet(), answer -> {
            Book.Reservation reservation = day.placed(stats, book, reservationId, fate, lines, answer);
            if (reservation == null || fate.toExpire()) {
                return;
            }
            if (fate.shipping() && day.shortPicks(ThreadLocalRandom.current())) {
                DistributorDay.ShortPick pick = day.shortPick(reservation, ids);
                if (pick != null) {
                    shortPick(pick);
                    return;
                }
            }
            settle(reservation, fate.shipping());
        }));
    }

    private void shortPick(DistributorDay.ShortPick pick) {
        Set<String> position = Set.of(pick.position());
        next.add(Pending.of(DistributorDay.SHORT_PICKS, pick.body(), position, picked -> {
            if (day.shortPicked(stats, book, pick, picked)) {
                next.add(Pending.of(pick.releasePath(), pick.releaseBody(), position, released -> {
                    if (day.releasedShort(stats, book, pick, released)) {
                        settle(pick.reservation(), true);
                    }
                }));
            }
        }));
    }

    private void settle(Book.Reservation reservation, boolean shipping) {
        next.add(Pending.of(
                DistributorDay.settlePath(reservation, shipping),
                day.settleBody(shipping, ids),
                Set.copyOf(reservation.held.keySet()),
                answer -> day.settled(stats, book, reservation, shipping, answer)));
    }

    private void transfer(List<Pending> round, int[] sizes, DistributorDay.Transfer transfer) {
        add(
                round,
                sizes,
                Pending.of(
                        DistributorDay.TRANSFERS_OUT, day.transferOutBody(transfer), Set.of(transfer.from()), sent -> {
                            if (day.transferredOut(stats, book, transfer, sent)) {
                                transferIn(transfer, day.transferInBody(transfer, ids), System.nanoTime(), false);
                            }
                        }));
    }

    /**
     * The transfer's receipt at its destination; booked again in the next round while the ledger has not put the
     * units in transit there (for as long as the single client retries).
     */
    private void transferIn(DistributorDay.Transfer transfer, Map<String, Object> body, long first, boolean retry) {
        next.add(new Pending(DistributorDay.TRANSFERS_IN, () -> body, Set.of(transfer.to()), null, retry, arrived -> {
            if (DistributorDay.notInTransitYet(arrived)
                    && System.nanoTime() - first < DistributorDay.TRANSFER_IN_RETRIES.toNanos()) {
                transferIn(transfer, body, first, true);
                return;
            }
            day.transferredIn(stats, book, transfer, arrived, System.nanoTime() - first);
        }));
    }

    /**
     * The counts due, each on a position nothing else in the round touches (it is counted under its exclusive lock);
     * one that finds none waits for the next round.
     */
    private void counts(List<Pending> round, int[] sizes, ThreadLocalRandom random) {
        Set<String> taken = new HashSet<>();
        round.forEach(pending -> taken.addAll(pending.positions()));
        while (countsDue > 0 && sizes[1] < bulkSize) {
            String position = null;
            for (int attempt = 0; attempt < 20 && position == null; attempt++) {
                String candidate = day.position(random);
                if (!taken.contains(candidate)) {
                    position = candidate;
                }
            }
            if (position == null) {
                return;
            }
            taken.add(position);
            countsDue--;
            String counted = position;
            DistributorDay.Count[] count = new DistributorDay.Count[1];
            add(
                    round,
                    sizes,
                    new Pending(
                            DistributorDay.COUNTS,
                            () -> (count[0] = day.count(book, counted, ids)).body(),
                            Set.of(),
                            counted,
                            false,
                            answer -> day.counted(stats, book, count[0], answer)));
        }
    }

    /**
     * One round under its locks: the reservations' bulk request, then the movements', each item's answer handed to
     * its operation in request order; the items sent.
     */
    private int send(List<Pending> round) {
        Set<String> moving = new HashSet<>();
        List<String> counting = new ArrayList<>();
        for (Pending pending : round) {
            moving.addAll(pending.positions());
            if (pending.counted() != null) {
                counting.add(pending.counted());
            }
        }
        return book.changing(moving, counting, counted -> {
            int items = 0;
            for (String endpoint : List.of(Bulk.RESERVATIONS, Bulk.MOVEMENTS)) {
                List<Pending> sent = new ArrayList<>();
                for (Pending pending : round) {
                    if (!endpoint(pending.path()).equals(endpoint)) {
                        continue;
                    }
                    if (pending.counted() != null && !counted.contains(pending.counted())) {
                        // another client's round moves it now: counted in a later round, maybe elsewhere
                        countsDue++;
                        continue;
                    }
                    sent.add(pending);
                }
                if (sent.isEmpty()) {
                    continue;
                }
                // an order's replenishment, return or transfer can take the movements past the bulk size: a second
                items += sent.size();
                for (int from = 0; from < sent.size(); from += bulkSize) {
                    request(endpoint, sent.subList(from, Math.min(sent.size(), from + bulkSize)));
                }
            }
            return items;
        });
    }
}
