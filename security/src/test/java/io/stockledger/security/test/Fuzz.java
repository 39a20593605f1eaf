package io.stockledger.security.test;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** Generators of malformed and hostile request parts: path values, parameters, headers, JSON and other bodies. */
public final class Fuzz {

    /** A request body that every write endpoint almost accepts: fields of movements, reservations and policies. */
    private static final Map<String, String> TEMPLATE = template();

    private static final List<String> PARAMETERS = List.of(
            "sku",
            "location",
            "asOf",
            "limit",
            "after",
            "from",
            "to",
            "format",
            "channel",
            "maxWaitMillis",
            "period",
            "movementType",
            "principal",
            "correlationId",
            "status",
            "page",
            "size",
            "processingGroup");

    private Fuzz() {}

    private static Map<String, String> template() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("movementId", "\"fuzz-1\"");
        fields.put("sku", "\"SKU-1001\"");
        fields.put("location", "\"WH-AMS\"");
        fields.put("quantity", "5");
        fields.put("unitCost", "4.20");
        fields.put("occurredAt", "\"2026-03-02T08:15:00Z\"");
        fields.put("sourceSystem", "\"WMS\"");
        fields.put("reference", "{\"type\":\"PO\",\"number\":\"PO-1\"}");
        fields.put("reasonCode", "\"COUNT\"");
        fields.put("lines", "[{\"sku\":\"SKU-1001\",\"location\":\"WH-AMS\",\"quantity\":1}]");
        fields.put("channel", "\"web\"");
        fields.put("expiresAt", "\"2030-01-01T00:00:00Z\"");
        fields.put("locations", "[\"WH-AMS\"]");
        fields.put("sharePercent", "80");
        return fields;
    }

    public static Arbitrary<String> pathValue() {
        return Arbitraries.frequencyOf(
                Tuple.of(
                        3,
                        Arbitraries.strings()
                                .alpha()
                                .numeric()
                                .withChars('-', '_', '.', '@')
                                .ofMinLength(1)
                                .ofMaxLength(20)),
                Tuple.of(3, Arbitraries.strings().all().ofMinLength(1).ofMaxLength(40)),
                Tuple.of(
                        2,
                        Arbitraries.of(
                                "..",
                                ".",
                                "%00",
                                "%2F",
                                "' OR 1=1 --",
                                "<script>alert(1)</script>",
                                "x".repeat(5000),
                                "SKU-1001",
                                "2026-03",
                                "9999-99",
                                "2026-13",
                                "-1",
                                "0",
                                "NaN",
                                "\u0000",
                                "\uD83D\uDE00",
                                "../../etc/passwd",
                                "${jndi:ldap://x/a}",
                                " ",
                                "a b",
                                "SKU-1001@WH-AMS")));
    }

    public static Arbitrary<Map<String, String>> parameters() {
        return Arbitraries.maps(Arbitraries.of(PARAMETERS), pathValue()).ofMaxSize(4);
    }

    public static Arbitrary<Map<String, String>> headers(String goodAuthorization) {
        Arbitrary<String> headerText = Arbitraries.strings()
                .all()
                .ofMaxLength(60)
                .map(text -> text.chars()
                        .filter(c -> c >= 0x20 && c != 0x7f)
                        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                        .toString());
        Arbitrary<String> contentType = Arbitraries.frequencyOf(
                Tuple.of(
                        6,
                        Arbitraries.of(
                                "application/json",
                                "application/json;charset=UTF-8",
                                "text/csv",
                                "text/plain",
                                "application/xml",
                                "application/json; charset=utf-16",
                                "multipart/form-data",
                                "application/x-www-form-urlencoded",
                                "application/problem+json",
                                "*/*")),
                Tuple.of(1, headerText));
        Arbitrary<String> accept = Arbitraries.frequencyOf(
                Tuple.of(
                        6,
                        Arbitraries.of(
                                "*/*",
                                "application/json",
                                "text/csv",
                                "text/event-stream",
                                "application/xml",
                                "application/jsonl",
                                "text/html")),
                Tuple.of(1, headerText));
        Arbitrary<String> authorization = Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.just(goodAuthorization)),
                Tuple.of(1, headerText),
                Tuple.of(
                        1,
                        headerText.map(text ->
                                "Basic " + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)))),
                Tuple.of(1, headerText.map(text -> "Bearer " + text)));
        Arbitrary<String> optional = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just("")),
                Tuple.of(1, headerText),
                Tuple.of(1, pathValue().filter(text -> text.chars().allMatch(c -> c >= 0x20 && c < 0x7f))));
        return Combinators.combine(contentType, accept, authorization, optional, optional, optional, optional)
                .as((type, acceptable, credentials, correlation, minPosition, bookInto, lastEventId) -> {
                    Map<String, String> headers = new LinkedHashMap<>();
                    headers.put("Content-Type", type);
                    headers.put("Accept", acceptable);
                    headers.put("Authorization", credentials);
                    putIfNotEmpty(headers, "X-Correlation-Id", correlation);
                    putIfNotEmpty(headers, "X-Min-Event-Position", minPosition);
                    putIfNotEmpty(headers, "X-Book-Into-Open-Period", bookInto);
                    putIfNotEmpty(headers, "Last-Event-ID", lastEventId);
                    return headers;
                });
    }

    private static void putIfNotEmpty(Map<String, String> headers, String name, String value) {
        if (!value.isEmpty()) {
            headers.put(name, value);
        }
    }

    public static Arbitrary<String> body() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just((String) null)),
                Tuple.of(2, Arbitraries.strings().all().ofMaxLength(200)),
                Tuple.of(3, json()),
                Tuple.of(8, mutatedTemplate()),
                Tuple.of(
                        1, Arbitraries.integers().between(1, 5000).map(depth -> "[".repeat(depth) + "]".repeat(depth))),
                Tuple.of(
                        1,
                        Arbitraries.integers()
                                .between(1, 5000)
                                .map(depth -> "{\"a\":".repeat(depth) + "1" + "}".repeat(depth))),
                Tuple.of(
                        1,
                        Arbitraries.integers()
                                .between(300, 2000)
                                .map(digits -> "{\"quantity\":" + "9".repeat(digits) + "}")));
    }

    /** The template with one field changed to any JSON value, removed, or an unknown field added. */
    public static Arbitrary<String> mutatedTemplate() {
        Arbitrary<String> field = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.of(List.copyOf(TEMPLATE.keySet()))),
                Tuple.of(1, Arbitraries.of("principal", "recordedAt", "globalIndex", "__proto__", "constructor")),
                Tuple.of(1, Arbitraries.strings().all().ofMaxLength(10)));
        return Combinators.combine(field, json(), Arbitraries.of(Mutation.values()))
                .as((name, value, mutation) -> {
                    Map<String, String> fields = new LinkedHashMap<>(TEMPLATE);
                    switch (mutation) {
                        case REPLACE -> fields.put(name, value);
                        case REMOVE -> fields.remove(name);
                        case DUPLICATE -> {
                            String object = object(fields);
                            // plain concatenation: a generated value may hold '$' or '\\', which a regex replacement
                            // reads
                            return object.substring(0, object.length() - 1) + "," + quote(name) + ":" + value + "}";
                        }
                    }
                    return object(fields);
                });
    }

    private enum Mutation {
        REPLACE,
        REMOVE,
        DUPLICATE
    }

    /** Any JSON value, nested up to a few levels, with hostile leaves. */
    public static Arbitrary<String> json() {
        Arbitrary<String> leaf = Arbitraries.oneOf(
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.bigDecimals().map(number -> number.toPlainString()),
                Arbitraries.of(
                        "true",
                        "false",
                        "null",
                        "1e999",
                        "-0",
                        "99999999999999999999999999",
                        "0.0000001",
                        "-1",
                        "0",
                        "2147483648",
                        "-9223372036854775809",
                        "1.5"),
                Arbitraries.strings().all().ofMaxLength(30).map(Fuzz::quote),
                Arbitraries.of(
                                "\"2026-03-02T08:15:00Z\"",
                                "\"2026-02-30T00:00:00Z\"",
                                "\"+999999-01-01T00:00:00Z\"",
                                "\"x\"",
                                "\"" + "x".repeat(1000) + "\"",
                                "\"SKU-1001\"",
                                "\"\"",
                                "\" \"")
                        .map(text -> text));
        return Arbitraries.recursive(
                () -> leaf,
                inner -> Arbitraries.oneOf(
                        inner.list().ofMaxSize(4).map(items -> items.stream()
                                .collect(Collectors.joining(",", "[", "]"))),
                        Arbitraries.maps(
                                        Arbitraries.oneOf(
                                                Arbitraries.of(List.copyOf(TEMPLATE.keySet())),
                                                Arbitraries.of("type", "number")),
                                        inner)
                                .ofMaxSize(4)
                                .map(Fuzz::object)),
                0,
                3);
    }

    private static String object(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(field -> quote(field.getKey()) + ":" + field.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String quote(String text) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }
}
