package io.stockledger.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * After a run: the query side must show no oversell anywhere, every position exactly as the acknowledged
 * commands imply, every reservation's holdings adding up to its positions' reserved stock, an audit history
 * with every change the run made, and the ledger's stock value = value received − value issued ± count and adjustment
 * differences, over every position.
 */
final class InvariantCheck {

    /** One invariant: its name, whether it holds, and what was found. */
    record Result(String name, boolean holds, String detail) {}

    private static final String SHORTFALL_CHANGED = "ReservationShortfallChanged";

    private final LedgerClient ledger;
    private final Book book;
    private final List<String> channels;
    private final String correlationId;

    InvariantCheck(LedgerClient ledger, Book book, String channel, String correlationId) {
        this(ledger, book, List.of(channel), correlationId);
    }

    /** A run whose reservations were made in several channels. */
    InvariantCheck(LedgerClient ledger, Book book, List<String> channels, String correlationId) {
        this.ledger = ledger;
        this.book = book;
        this.channels = List.copyOf(channels);
        this.correlationId = correlationId;
    }

    /** Waits (bounded) for the query side to reflect every acknowledged command, then checks. */
    List<Result> run(long waitMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + waitMillis;
        List<Result> results = check();
        while (results.stream().anyMatch(result -> !result.holds()) && System.currentTimeMillis() < deadline) {
            Thread.sleep(500);
            results = check();
        }
        return results;
    }

    private List<Result> check() {
        Map<String, JsonNode> positions = positions();
        List<Result> results = new ArrayList<>();
        results.add(noOversell(positions));
        results.add(onHandAsAcknowledged(positions));
        results.add(reservedAsHeld(positions));
        results.addAll(reservationsAsAcknowledged());
        results.add(auditComplete());
        results.add(rollForward());
        results.add(financeClosingAsOnHand(positions));
        results.add(ledgerValueConserved());
        return results;
    }

    private Result noOversell(Map<String, JsonNode> positions) {
        List<String> oversold = new ArrayList<>();
        positions.forEach((id, position) -> {
            if (position.path("available").asLong() < 0
                    || position.path("reserved").asLong()
                            > position.path("onHand").asLong()) {
                oversold.add(id + " " + position);
            }
        });
        return new Result(
                "no oversell (reserved <= on hand, available >= 0)",
                oversold.isEmpty(),
                oversold.isEmpty() ? positions.size() + " positions" : oversold.toString());
    }

    private Result onHandAsAcknowledged(Map<String, JsonNode> positions) {
        List<String> wrong = new ArrayList<>();
        for (String id : book.positions()) {
            long expected = book.onHand(id);
            long actual =
                    positions.containsKey(id) ? positions.get(id).path("onHand").asLong() : -1;
            if (expected != actual) {
                wrong.add(id + " expected " + expected + " got " + actual);
            }
        }
        return new Result(
                "on hand = received - shipped + count differences (acknowledged)",
                wrong.isEmpty(),
                wrong.isEmpty() ? book.positions().size() + " positions" : first(wrong));
    }

    private Result reservedAsHeld(Map<String, JsonNode> positions) {
        Map<String, Long> expected = book.expectedReserved();
        List<String> wrong = new ArrayList<>();
        for (String id : book.positions()) {
            long want = expected.getOrDefault(id, 0L);
            long actual = positions.containsKey(id)
                    ? positions.get(id).path("reserved").asLong()
                    : -1;
            if (want != actual) {
                wrong.add(id + " expected " + want + " got " + actual);
            }
        }
        return new Result(
                "reserved = what confirmed reservations still hold",
                wrong.isEmpty(),
                wrong.isEmpty() ? "all positions" : first(wrong));
    }

    private List<Result> reservationsAsAcknowledged() {
        Map<String, Map<String, Long>> confirmed = new HashMap<>();
        long[] expired = {0};
        for (String channel : channels) {
            pages("/api/v1/reservations", Map.of("channel", channel, "status", "CONFIRMED"), item -> {
                Map<String, Long> held = new HashMap<>();
                for (JsonNode line : item.path("lines")) {
                    long reserved = line.path("reserved").asLong();
                    if (reserved > 0) {
                        held.put(
                                line.path("sku").asText() + "@"
                                        + line.path("location").asText(),
                                reserved);
                    }
                }
                confirmed.put(item.path("reservationId").asText(), held);
            });
            pages("/api/v1/reservations", Map.of("channel", channel, "status", "EXPIRED"), item -> expired[0]++);
        }

        List<String> wrong = new ArrayList<>();
        long wantExpired = 0;
        for (Book.Reservation reservation : book.reservations.values()) {
            if (reservation.leftToExpire) {
                wantExpired++;
                continue;
            }
            Map<String, Long> seen = confirmed.getOrDefault(reservation.id, Map.of());
            if (reservation.holding() > 0 && !seen.equals(reservation.held)) {
                wrong.add(reservation.id + " holds " + reservation.held + ", view says " + seen);
            }
        }
        return List.of(
                new Result(
                        "every reservation's view = what its client was answered",
                        wrong.isEmpty(),
                        wrong.isEmpty() ? confirmed.size() + " confirmed reservations" : first(wrong)),
                new Result(
                        "every reservation left to expire has expired",
                        expired[0] == wantExpired,
                        expired[0] + " of " + wantExpired + " expired"));
    }

    /**
     * Every movement the run made, once, per movement type. A change of a position's reservation shortfall (a short
     * pick or a count that took on hand below reserved, and the release or receipt that covered it again) is filed
     * under the type of the movement that caused it; it is no movement of its own, so it is counted apart.
     */
    private Result auditComplete() {
        Map<String, Long> counted = new LinkedHashMap<>();
        List<String> wrong = new ArrayList<>();
        long[] shortfallChanges = {0};
        for (String type : book.auditEntries.keySet().stream().sorted().toList()) {
            long[] count = {0};
            pages("/api/v1/audit", Map.of("correlationId", correlationId, "movementType", type), item -> {
                if (SHORTFALL_CHANGED.equals(item.path("eventType").asText())) {
                    shortfallChanges[0]++;
                } else {
                    count[0]++;
                }
            });
            long expected = book.expected(book.auditEntries, type);
            counted.put(type, count[0]);
            if (count[0] != expected) {
                wrong.add(type + " expected " + expected + " got " + count[0]);
            }
        }
        return new Result(
                "audit history holds every change, once",
                wrong.isEmpty(),
                wrong.isEmpty()
                        ? counted
                                + (shortfallChanges[0] > 0 ? ", and " + shortfallChanges[0] + " shortfall changes" : "")
                        : wrong.toString());
    }

    /** The finance roll-forward check over every period balance row of the ledger: no violation. */
    private Result rollForward() {
        LedgerClient.Answer answer = ledger.query("/api/v1/finance/roll-forward", Map.of());
        if (!answer.ok()) {
            return new Result("finance roll-forward", false, "answered " + answer.status() + " " + answer.body());
        }
        JsonNode violations = answer.body().path("violations");
        return new Result(
                "finance roll-forward (opening = previous closing, opening + movements = closing)",
                violations.isEmpty(),
                answer.body().path("rowsChecked").asLong() + " rows checked, " + violations.size() + " violations"
                        + (violations.isEmpty() ? "" : ", e.g. " + violations.get(0)));
    }

    /** Every position's closing quantity in the current period equals its on hand (nothing is dated in the future). */
    private Result financeClosingAsOnHand(Map<String, JsonNode> positions) {
        String period = java.time.YearMonth.now(java.time.ZoneOffset.UTC).toString();
        LedgerClient.Answer answer = ledger.query("/api/v1/finance/periods/" + period + "/balances", Map.of());
        if (!answer.ok()) {
            return new Result("finance closing = on hand", false, "answered " + answer.status());
        }
        Map<String, Long> closing = new HashMap<>();
        answer.body()
                .path("rows")
                .forEach(row -> closing.put(
                        row.path("sku").asText() + "@" + row.path("location").asText(),
                        row.at("/quantity/closing").asLong()));
        List<String> wrong = new ArrayList<>();
        for (String id : book.positions()) {
            long onHand =
                    positions.containsKey(id) ? positions.get(id).path("onHand").asLong() : -1;
            long financed = closing.getOrDefault(id, -1L);
            if (onHand != financed) {
                wrong.add(id + " on hand " + onHand + ", closing " + financed);
            }
        }
        return new Result(
                "finance closing quantity of " + period + " = on hand",
                wrong.isEmpty(),
                wrong.isEmpty() ? book.positions().size() + " positions" : first(wrong));
    }

    /** How far back the value check walks at most, from the current period. */
    static final int MAX_PERIODS = 600;

    /**
     * The ledger's total stock value (every position's closing of the current period) against every period's value
     * received, issued and adjusted, from the current period back to the first that has any position.
     */
    private Result ledgerValueConserved() {
        List<JsonNode> totals = new ArrayList<>();
        java.time.YearMonth period = java.time.YearMonth.now(java.time.ZoneOffset.UTC);
        for (int i = 0; i < MAX_PERIODS; i++, period = period.minusMonths(1)) {
            LedgerClient.Answer answer = ledger.query("/api/v1/finance/periods/" + period + "/balances", Map.of());
            if (!answer.ok()) {
                return new Result(VALUE_CONSERVED, false, period + " answered " + answer.status());
            }
            if (answer.body().path("rows").isEmpty()) {
                break;
            }
            totals.add(answer.body().path("ledgerTotal"));
        }
        return valueConserved(totals);
    }

    static final String VALUE_CONSERVED =
            "stock value = value received - value issued + count and adjustment differences (every position)";

    /**
     * The value check over the ledger totals of every period with a position, latest first. Transfers move value
     * between positions, never in or out of the ledger: with no unit in transit their transfers in and out add up to
     * zero; units still in transit hold the rest, which is never negative. Exact, to the cent.
     */
    static Result valueConserved(List<JsonNode> ledgerTotals) {
        if (ledgerTotals.isEmpty()) {
            return new Result(VALUE_CONSERVED, true, "no positions");
        }
        BigDecimal received = BigDecimal.ZERO;
        BigDecimal issued = BigDecimal.ZERO;
        BigDecimal adjusted = BigDecimal.ZERO;
        BigDecimal transferred = BigDecimal.ZERO;
        long unitsInTransit = 0;
        for (JsonNode total : ledgerTotals) {
            JsonNode value = total.path("value");
            JsonNode quantity = total.path("quantity");
            received = received.add(amount(value, "receipts")).add(amount(value, "returns"));
            issued = issued.subtract(amount(value, "shipments")).subtract(amount(value, "writeOffs"));
            adjusted = adjusted.add(amount(value, "adjustments"));
            transferred = transferred.add(amount(value, "transfersIn")).add(amount(value, "transfersOut"));
            unitsInTransit -= quantity.path("transfersIn").asLong()
                    + quantity.path("transfersOut").asLong();
        }
        BigDecimal stock = amount(ledgerTotals.get(0).path("value"), "closing");
        BigDecimal inTransit = transferred.negate();
        BigDecimal expected = received.subtract(issued).add(adjusted).subtract(inTransit);
        boolean holds = stock.compareTo(expected) == 0
                && (unitsInTransit == 0 ? inTransit.signum() == 0 : unitsInTransit > 0 && inTransit.signum() >= 0);
        String detail = "stock " + stock.toPlainString() + ", received " + received.toPlainString() + ", issued "
                + issued.toPlainString() + ", counts and adjustments " + adjusted.toPlainString() + ", "
                + unitsInTransit + " units in transit worth " + inTransit.toPlainString() + " (" + ledgerTotals.size()
                + " periods)";
        return new Result(VALUE_CONSERVED, holds, detail);
    }

    private static BigDecimal amount(JsonNode figures, String name) {
        JsonNode amount = figures.path(name);
        return amount.isNumber() ? amount.decimalValue() : new BigDecimal(amount.asText("0"));
    }

    private Map<String, JsonNode> positions() {
        Map<String, JsonNode> positions = new HashMap<>();
        book.positions().stream()
                .map(id -> id.substring(0, id.indexOf('@')))
                .distinct()
                .forEach(sku -> pages(
                        "/api/v1/positions",
                        Map.of("sku", sku),
                        item -> positions.put(
                                item.path("sku").asText() + "@"
                                        + item.path("location").asText(),
                                item)));
        return positions;
    }

    private void pages(String path, Map<String, String> filter, Consumer<JsonNode> each) {
        String after = null;
        do {
            Map<String, String> parameters = new LinkedHashMap<>(filter);
            parameters.put("limit", "1000");
            if (after != null) {
                parameters.put("after", after);
            }
            LedgerClient.Answer answer = ledger.query(path, parameters);
            if (!answer.ok()) {
                throw new IllegalStateException(
                        "GET " + path + " " + parameters + " answered " + answer.status() + " " + answer.body());
            }
            answer.body().path("items").forEach(each);
            JsonNode next = answer.body().path("next");
            after = next.isTextual() ? next.asText() : null;
        } while (after != null);
    }

    private static String first(List<String> problems) {
        return problems.size() + " wrong, e.g. " + problems.subList(0, Math.min(3, problems.size()));
    }
}
