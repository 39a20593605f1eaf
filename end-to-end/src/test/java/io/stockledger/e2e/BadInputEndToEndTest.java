package io.stockledger.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Anything malformed, out of range or unknown, sent to any endpoint of either side, gets a 4xx problem and
 * changes nothing: no audit entry, no changed position, never a 5xx.
 */
@ExtendWith(PrintLogsOnFailure.class)
class BadInputEndToEndTest {

    private static final String LOCATION = "WH-BAD";
    private static final String OTHER_LOCATION = "WH-OTHER";
    /** Far longer than any identifier may be, and still well inside a URL's limits. */
    private static final String LONG = "X".repeat(2_000);

    /** Longer than Tomcat accepts in a request line (8 KiB): refused before the app sees it. */
    private static final String HUGE = "X".repeat(10_000);

    private static final List<String> KINDS = List.of(
            "receipts",
            "shipments",
            "adjustments",
            "counts",
            "quarantines",
            "quarantine-releases",
            "damages",
            "write-offs",
            "transfers-out",
            "transfers-in",
            "returns",
            "short-picks");

    private static Ledger ledger;
    private static String sku;
    private static JsonNode positionBefore;

    @BeforeAll
    static void startLedgerWithOnePosition() {
        ledger = Ledger.start("bad-input");
        sku = MovementRequest.newSku("E2E-BAD");
        ObjectNode receipt = MovementRequest.of(sku, LOCATION, 10);
        assertThat(ledger.post("receipts", receipt).status()).isEqualTo(201);
        positionBefore =
                ledger.awaitPosition(sku, LOCATION, view -> view.path("onHand").asLong() == 10);
    }

    @AfterAll
    static void stopLedger() {
        if (ledger != null) {
            ledger.close();
        }
    }

    /** A bad request: what it is, and how to send it. */
    private record Case(String what, Supplier<Http.Response> send) {}

    @Test
    void badMovementsAreRefusedWithAProblemAndChangeNothing() {
        List<Case> cases = new ArrayList<>();
        for (String kind : KINDS) {
            cases.add(raw(kind, "malformed JSON", "{\"movementId\": \"m1\", "));
            cases.add(raw(kind, "not JSON", "quantity=5"));
            cases.add(raw(kind, "an empty body", ""));
            cases.add(raw(kind, "a JSON array", "[]"));
            cases.add(raw(kind, "JSON null", "null"));
            cases.add(raw(kind, "two JSON documents", valid(kind).toString() + valid(kind)));
            cases.add(new Case(kind + ": text/plain", () -> ledger.http()
                    .send(
                            "POST",
                            ledger.commandSide().port(),
                            "/api/v1/movements/" + kind,
                            "text/plain",
                            valid(kind).toString())));
            cases.add(bad(kind, "quantity as text", b -> b.put("quantity", "ten")));
            cases.add(bad(kind, "fractional quantity", b -> b.put("quantity", 1.5)));
            cases.add(bad(
                    kind,
                    "quantity beyond a long",
                    b -> b.put("quantity", new java.math.BigInteger("1" + "0".repeat(30)))));
            cases.add(bad(kind, "quantity as object", b -> b.putObject("quantity")));
            if (!kind.equals("adjustments")) { // an adjustment is signed
                cases.add(bad(kind, "negative quantity", b -> b.put("quantity", -3)));
            }
            if (!kind.equals("counts")) { // a count of zero is a count
                cases.add(bad(kind, "zero quantity", b -> b.put("quantity", 0)));
            }
            cases.add(bad(kind, "no quantity", b -> b.remove("quantity")));
            cases.add(bad(kind, "no movementId", b -> b.remove("movementId")));
            cases.add(bad(kind, "blank movementId", b -> b.put("movementId", " ")));
            cases.add(bad(kind, "oversized movementId", b -> b.put("movementId", LONG)));
            cases.add(bad(kind, "no sku", b -> b.remove("sku")));
            cases.add(bad(kind, "oversized sku", b -> b.put("sku", LONG)));
            cases.add(bad(kind, "sku with a slash", b -> b.put("sku", "A/B")));
            cases.add(bad(kind, "no location", b -> b.remove("location")));
            cases.add(bad(kind, "oversized location", b -> b.put("location", LONG)));
            cases.add(bad(kind, "no occurredAt", b -> b.remove("occurredAt")));
            cases.add(bad(kind, "occurredAt not an instant", b -> b.put("occurredAt", "yesterday")));
            cases.add(bad(kind, "occurredAt without zone", b -> b.put("occurredAt", "2026-01-01T10:00:00")));
            cases.add(bad(kind, "occurredAt as number", b -> b.put("occurredAt", 12345)));
            cases.add(bad(kind, "no sourceSystem", b -> b.remove("sourceSystem")));
            cases.add(bad(kind, "oversized sourceSystem", b -> b.put("sourceSystem", LONG)));
            cases.add(bad(kind, "no reference", b -> b.remove("reference")));
            cases.add(bad(kind, "reference as text", b -> b.put("reference", "PO 1")));
            cases.add(bad(kind, "reference without number", b -> ((ObjectNode) b.get("reference")).remove("number")));
            cases.add(bad(
                    kind, "oversized reference number", b -> ((ObjectNode) b.get("reference")).put("number", LONG)));
            cases.add(bad(kind, "oversized reasonCode", b -> b.put("reasonCode", LONG)));
            cases.add(bad(kind, "an unknown field", b -> b.put("colour", "blue")));
            cases.add(new Case(
                    kind + ": oversized X-Correlation-Id",
                    () -> ledger.post(kind, valid(kind), Map.of("X-Correlation-Id", LONG))));
            cases.add(new Case(
                    kind + ": X-Correlation-Id with spaces",
                    () -> ledger.post(kind, valid(kind), Map.of("X-Correlation-Id", "not a valid id"))));
        }
        cases.add(bad("receipts", "a body over 64 KiB", b -> b.put("padding", "x".repeat(70_000))));
        cases.add(bad("receipts", "negative unitCost", b -> b.put("unitCost", -1)));
        cases.add(bad("receipts", "unitCost as text", b -> b.put("unitCost", "cheap")));
        cases.add(bad("adjustments", "no reasonCode", b -> b.remove("reasonCode")));
        cases.add(bad("adjustments", "wrong expectedOnHand", b -> b.put("expectedOnHand", 11)));
        cases.add(bad("counts", "wrong expectedOnHand", b -> b.put("expectedOnHand", 11)));
        cases.add(bad("damages", "fromQuarantine as text", b -> b.put("fromQuarantine", "maybe")));
        cases.add(bad("returns", "toQuarantine as number", b -> b.put("toQuarantine", 1)));
        cases.add(bad("transfers-out", "no destination", b -> b.remove("destination")));
        cases.add(bad("transfers-out", "oversized destination", b -> b.put("destination", LONG)));
        cases.add(bad("transfers-in", "no transferId", b -> b.remove("transferId")));

        // Valid in form, refused by the ledger's rules.
        cases.add(bad("shipments", "beyond on hand", b -> b.put("quantity", 11)));
        cases.add(bad("transfers-out", "beyond on hand", b -> b.put("quantity", 11)));
        cases.add(bad("quarantines", "beyond on hand", b -> b.put("quantity", 11)));
        cases.add(bad("damages", "beyond on hand", b -> b.put("quantity", 11)));
        cases.add(bad("adjustments", "below zero", b -> b.put("quantity", -11)));
        cases.add(bad("short-picks", "beyond on hand", b -> b.put("quantity", 11)));
        cases.add(bad("quarantine-releases", "nothing quarantined", b -> {}));
        cases.add(bad("write-offs", "nothing damaged", b -> {}));
        cases.add(bad("damages", "nothing quarantined", b -> b.put("fromQuarantine", true)));
        cases.add(bad("transfers-in", "an unknown transfer", b -> {}));

        // Neither a movement kind nor an allowed method.
        cases.add(new Case("an unknown kind", () -> ledger.post("teleports", valid("receipts"))));
        cases.add(new Case(
                "GET on a kind", () -> ledger.http().get(ledger.commandSide().port(), "/api/v1/movements/receipts")));
        cases.add(new Case("PUT on a kind", () -> ledger.http()
                .send(
                        "PUT",
                        ledger.commandSide().port(),
                        "/api/v1/movements/receipts",
                        "application/json",
                        valid("receipts").toString())));
        cases.add(new Case("DELETE of a movement", () -> ledger.http()
                .send("DELETE", ledger.commandSide().port(), "/api/v1/movements/x", null, null)));
        cases.add(new Case("GET of an unknown movement", () -> ledger.movement("never-posted")));
        cases.add(new Case("GET of an oversized movement id", () -> ledger.movement(LONG)));
        cases.add(new Case("GET of a movement id with odd characters", () -> ledger.movement("a b%c")));
        cases.add(new Case("an unknown path on the command side", () -> ledger.http()
                .get(ledger.commandSide().port(), "/api/v1/nothing-here")));
        cases.add(new Case("closing a malformed period", () -> ledger.http()
                .send("POST", ledger.commandSide().port(), "/api/v1/finance/periods/2026-13/close", null, null)));
        cases.add(new Case("closing a period that has not ended", () -> ledger.http()
                .send("POST", ledger.commandSide().port(), "/api/v1/finance/periods/9999-12/close", null, null)));

        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            Http.Response response = c.send().get();
            String failure = problemFailure(response);
            if (failure != null) {
                failures.add(c.what() + " -> " + failure);
            }
        }
        assertThat(failures).as("bad requests that did not get a 4xx problem").isEmpty();

        assertNothingChanged();
    }

    @Test
    void badQueriesAreRefusedWithAProblem() {
        int port = ledger.querySide().port();
        Map<String, String> requests = new LinkedHashMap<>();
        requests.put("positions: limit 0", "/api/v1/positions?limit=0");
        requests.put("positions: limit too big", "/api/v1/positions?limit=100000");
        requests.put("positions: limit as text", "/api/v1/positions?limit=ten");
        requests.put("positions: bad cursor", "/api/v1/positions?after=not-a-cursor");
        requests.put("positions: oversized sku", "/api/v1/positions?sku=" + LONG);
        requests.put("position: unknown", "/api/v1/positions/NO-SUCH-SKU/NOWHERE");
        requests.put("position: oversized sku", "/api/v1/positions/" + LONG + "/" + LOCATION);
        requests.put(
                "balance: asOf not an instant",
                "/api/v1/positions/" + sku + "/" + LOCATION + "/balance?asOf=yesterday");
        requests.put(
                "balance: unknown position", "/api/v1/positions/NO-SUCH-SKU/NOWHERE/balance?asOf=2026-01-01T00:00:00Z");
        requests.put("audit: limit 0", "/api/v1/audit?limit=0");
        requests.put("audit: limit too big", "/api/v1/audit?limit=100000");
        requests.put("audit: limit negative", "/api/v1/audit?limit=-1");
        requests.put("audit: bad cursor", "/api/v1/audit?after=not-a-cursor");
        requests.put("audit: occurredFrom not an instant", "/api/v1/audit?occurredFrom=yesterday");
        requests.put("audit: recordedTo not an instant", "/api/v1/audit?recordedTo=soon");
        requests.put("audit: unknown movement type", "/api/v1/audit?movementType=TELEPORT");
        requests.put("audit: oversized sku", "/api/v1/audit?sku=" + LONG);
        requests.put("trace: oversized correlation id", "/api/v1/traces/" + LONG);
        requests.put("trace: correlation id with spaces", "/api/v1/traces/not%20valid");
        requests.put("an unknown path on the query side", "/api/v1/nothing-here");
        requests.put("finance: malformed period", "/api/v1/finance/periods/2026-13/balances");
        requests.put("finance: malformed period of the CSV", "/api/v1/finance/periods/March/balances.csv");
        requests.put("finance: oversized sku", "/api/v1/finance/periods/2026-01/balances?sku=" + LONG);
        requests.put(
                "reconciliation: unknown run", "/api/v1/finance/reconciliations/8d1e0a8e-5f4e-4a43-9d7e-000000000000");
        requests.put("reconciliation: malformed run id", "/api/v1/finance/reconciliations/not-a-run");

        List<String> failures = new ArrayList<>();
        requests.forEach((what, path) -> {
            String failure = problemFailure(ledger.http().get(port, path));
            if (failure != null) {
                failures.add(what + " -> " + failure);
            }
        });
        for (String method : List.of("POST", "PUT", "DELETE")) {
            String failure =
                    problemFailure(ledger.http().send(method, port, "/api/v1/positions", "application/json", "{}"));
            if (failure != null) {
                failures.add(method + " /api/v1/positions -> " + failure);
            }
        }
        assertThat(failures).as("bad queries that did not get a 4xx problem").isEmpty();
    }

    /**
     * A request line beyond the server's 8 KiB limit is refused by the web server itself, before either app sees
     * it: a 4xx, but Tomcat's own error page rather than a problem.
     */
    @Test
    void requestLinesBeyondTheServersLimitAreRefusedWithA4xx() {
        List<Http.Response> responses = List.of(
                ledger.http().get(ledger.querySide().port(), "/api/v1/positions?sku=" + HUGE),
                ledger.http().get(ledger.querySide().port(), "/api/v1/audit?sku=" + HUGE),
                ledger.movement(HUGE));
        assertThat(responses).allSatisfy(response -> assertThat(response.status())
                .as("%s", response.status())
                .isBetween(400, 499));
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    /** A valid movement of the kind, on the sweep's position, with what the kind needs. */
    private static ObjectNode valid(String kind) {
        ObjectNode body = MovementRequest.of(sku, LOCATION, 1);
        switch (kind) {
            case "adjustments" -> body.put("reasonCode", "SHRINKAGE");
            case "transfers-out" -> body.put("destination", OTHER_LOCATION);
            case "transfers-in" -> body.put("transferId", "no-such-transfer");
            default -> {}
        }
        return body;
    }

    private static Case bad(String kind, String what, Consumer<ObjectNode> change) {
        return new Case(kind + ": " + what, () -> {
            ObjectNode body = valid(kind);
            change.accept(body);
            return ledger.post(kind, body);
        });
    }

    private static Case raw(String kind, String what, String body) {
        return new Case(kind + ": " + what, () -> ledger.http()
                .send("POST", ledger.commandSide().port(), "/api/v1/movements/" + kind, "application/json", body));
    }

    /** Null when the response is a 4xx problem, else what is wrong with it. */
    private static String problemFailure(Http.Response response) {
        if (response.status() < 400 || response.status() >= 500) {
            return response.status() + " " + abbreviate(response.raw());
        }
        String type = response.header("Content-Type").orElse("");
        if (!type.startsWith("application/problem+json") || response.json() == null) {
            return response.status() + " without a problem body (" + type + "): " + abbreviate(response.raw());
        }
        if (!response.json().path("type").asText().startsWith("urn:stockledger:problem:")) {
            return response.status() + " with problem type '"
                    + response.json().path("type").asText() + "': " + abbreviate(response.raw());
        }
        return null;
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    /**
     * A last, valid receipt on the same position (same aggregate, so the query side applies it after anything
     * sent before it): once it shows, any write the sweep let through would show too.
     */
    private static void assertNothingChanged() {
        ObjectNode sentinel = MovementRequest.of(sku, LOCATION, 1);
        assertThat(ledger.post("receipts", sentinel).status()).isEqualTo(201);
        ledger.awaitAudit(sentinel.get("movementId").asText(), 1);

        assertThat(ledger.auditEntries(Map.of("sku", sku)))
                .extracting(e -> e.path("movementType").asText() + "@"
                        + e.path("location").asText())
                .containsExactly("RECEIPT@" + LOCATION, "RECEIPT@" + LOCATION);
        JsonNode position =
                ledger.awaitPosition(sku, LOCATION, view -> view.path("onHand").asLong() == 11);
        for (String bucket : List.of("reserved", "quarantined", "damaged", "inTransit")) {
            assertThat(position.path(bucket)).as(bucket).isEqualTo(positionBefore.path(bucket));
        }
        assertThat(position.path("available").asLong())
                .isEqualTo(positionBefore.path("available").asLong() + 1);
        assertThat(ledger.position(sku, OTHER_LOCATION).status()).isEqualTo(404);
    }
}
