package io.stockledger.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command side's bulk requests, as an OMS or WMS feed sends them: {@code POST /api/v1/movements/bulk} and
 * {@code POST /api/v1/reservations/bulk} with up to {@link #MAX_ITEMS} items, each the body of the single request
 * it stands for plus its {@code kind} (a movement: the single endpoint's path segment) or {@code action} (a
 * reservation: place, release, fulfil, extend; with the {@code reservationId} of the path but for a place). The
 * answer holds one item per request item, in order: the status the single request would have had and its answer
 * ({@code movement} or {@code reservation}) or its {@code problem}.
 */
final class Bulk {

    static final String MOVEMENTS = "/api/v1/movements/bulk";
    static final String RESERVATIONS = "/api/v1/reservations/bulk";
    /** Items the command side takes in one bulk request at most. */
    static final int MAX_ITEMS = 1_000;

    private static final String MOVEMENTS_PREFIX = "/api/v1/movements/";
    private static final String RESERVATIONS_PATH = "/api/v1/reservations";

    private Bulk() {}

    /** One item of a bulk request: the bulk endpoint it goes to and its body. */
    record Item(String endpoint, Map<String, Object> body) {}

    /** The bulk item for the single request {@code POST path} with {@code body}. */
    static Item item(String path, Map<String, Object> body) {
        Map<String, Object> item = new LinkedHashMap<>();
        if (path.startsWith(MOVEMENTS_PREFIX) && path.indexOf('/', MOVEMENTS_PREFIX.length()) < 0) {
            item.put("kind", path.substring(MOVEMENTS_PREFIX.length()));
            item.putAll(body);
            return new Item(MOVEMENTS, item);
        }
        if (path.equals(RESERVATIONS_PATH)) {
            item.put("action", "place");
            item.putAll(body);
            return new Item(RESERVATIONS, item);
        }
        if (path.startsWith(RESERVATIONS_PATH + "/")) {
            String[] parts = path.substring(RESERVATIONS_PATH.length() + 1).split("/");
            if (parts.length == 2) {
                String action =
                        switch (parts[1]) {
                            case "releases" -> "release";
                            case "fulfilments" -> "fulfil";
                            case "extensions" -> "extend";
                            default -> null;
                        };
                if (action != null) {
                    item.put("action", action);
                    item.put("reservationId", parts[0]);
                    item.putAll(body);
                    return new Item(RESERVATIONS, item);
                }
            }
        }
        throw new IllegalArgumentException("no bulk endpoint takes POST " + path);
    }

    /** The body of a bulk request of {@code items} (all for one endpoint). */
    static Map<String, Object> request(List<Item> items) {
        return Map.of("items", items.stream().map(Item::body).toList());
    }

    /**
     * The answer of each item of a bulk request of {@code items} items, as the single request would have had it:
     * status, body (the movement, the reservation or the problem) and the bulk request's time. An answer that is not
     * a 200 with as many items makes every item that answer (a 413, a 5xx: each counts as an error).
     */
    static List<LedgerClient.Answer> answers(LedgerClient.Answer bulk, int items) {
        List<LedgerClient.Answer> answers = new ArrayList<>(items);
        JsonNode answered = bulk.body().path("items");
        if (bulk.status() != 200 || !answered.isArray() || answered.size() != items) {
            JsonNode body = bulk.status() == 200 ? problem("bulk-answer-mismatch", bulk.body()) : bulk.body();
            int status = bulk.status() == 200 ? 0 : bulk.status();
            for (int i = 0; i < items; i++) {
                answers.add(new LedgerClient.Answer(status, body, bulk.nanos()));
            }
            return answers;
        }
        for (JsonNode item : answered) {
            int status = item.path("status").asInt(0);
            JsonNode body = item.has("problem")
                    ? item.get("problem")
                    : item.has("reservation")
                            ? item.get("reservation")
                            : item.has("movement") ? item.get("movement") : item;
            answers.add(new LedgerClient.Answer(status, body, bulk.nanos()));
        }
        return answers;
    }

    private static JsonNode problem(String slug, JsonNode answered) {
        ObjectNode problem = JsonNodeFactory.instance.objectNode();
        problem.put("type", "urn:stockledger:problem:" + slug);
        problem.set("answered", answered);
        return problem;
    }
}
