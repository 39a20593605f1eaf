package io.stockledger.query.finance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.stockledger.api.common.LocationId;
import io.stockledger.api.common.Sku;
import io.stockledger.query.web.InvalidRequest;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ERP's period-end balances as uploaded: CSV with a header line ({@code sku,location,period,quantity,value}, value
 * may be empty) or a JSON array of objects with the same fields (value optional). Every line is checked; the first
 * fault is answered as a 400 naming the line.
 */
final class ErpBalances {

    /** One ERP balance: a position's quantity, and optionally value, at the end of a period. */
    record Line(int number, String sku, String location, YearMonth period, long quantity, BigDecimal value) {}

    private static final Set<String> FIELDS = Set.of("sku", "location", "period", "quantity", "value");
    private static final CsvMapper CSV = new CsvMapper();
    private static final ObjectMapper JSON = new ObjectMapper();

    private ErpBalances() {}

    static List<Line> fromCsv(byte[] input) {
        List<Map<String, String>> records = new ArrayList<>();
        try (MappingIterator<Map<String, String>> rows = CSV.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader())
                .readValues(input)) {
            while (rows.hasNextValue()) {
                records.add(rows.nextValue());
            }
        } catch (IOException | RuntimeException e) {
            throw new InvalidRequest("body", "not a CSV file of ERP balances: " + e.getMessage());
        }
        List<Line> lines = new ArrayList<>();
        for (Map<String, String> record : records) {
            lines.add(line(lines.size() + 1, record));
        }
        return checked(lines);
    }

    static List<Line> fromJson(byte[] input) {
        JsonNode root;
        try {
            root = JSON.readTree(input);
        } catch (JsonProcessingException e) {
            throw new InvalidRequest("body", "not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidRequest("body", "not JSON: " + e.getMessage());
        }
        if (root == null || !root.isArray()) {
            throw new InvalidRequest("body", "must be a JSON array of {sku, location, period, quantity, value}");
        }
        List<Line> lines = new ArrayList<>();
        for (JsonNode node : root) {
            int number = lines.size() + 1;
            if (!node.isObject()) {
                throw new InvalidRequest("line " + number, "line " + number + ": must be an object");
            }
            Map<String, String> record = new java.util.LinkedHashMap<>();
            var fields = node.fields();
            while (fields.hasNext()) {
                var field = fields.next();
                if (!field.getValue().isNull() && !field.getValue().isValueNode()) {
                    throw new InvalidRequest(
                            "line " + number, "line " + number + ": " + field.getKey() + " must be a plain value");
                }
                record.put(
                        field.getKey(),
                        field.getValue().isNull() ? null : field.getValue().asText());
            }
            lines.add(line(number, record));
        }
        return checked(lines);
    }

    private static Line line(int number, Map<String, String> record) {
        String where = "line " + number;
        for (String field : record.keySet()) {
            if (!FIELDS.contains(field)) {
                throw new InvalidRequest(where, where + ": unknown field '" + field + "'");
            }
        }
        try {
            String sku = Sku.of(required(record, "sku")).value();
            String location = LocationId.of(required(record, "location")).value();
            String period = required(record, "period");
            if (!period.matches("[0-9]{4}-[0-9]{2}")) {
                throw new IllegalArgumentException("period must be yyyy-MM, got '" + period + "'");
            }
            long quantity = Long.parseLong(required(record, "quantity").trim());
            String value = record.get("value");
            BigDecimal amount = value == null || value.isBlank() ? null : new BigDecimal(value.trim());
            return new Line(number, sku, location, YearMonth.parse(period), quantity, amount);
        } catch (RuntimeException e) {
            throw new InvalidRequest(where, where + ": " + e.getMessage());
        }
    }

    private static String required(Map<String, String> record, String field) {
        String value = record.get(field);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    private static List<Line> checked(List<Line> lines) {
        if (lines.isEmpty()) {
            throw new InvalidRequest("body", "no ERP balances in the upload");
        }
        Set<String> seen = new HashSet<>();
        for (Line line : lines) {
            if (!seen.add(line.sku() + "@" + line.location() + "/" + line.period())) {
                throw new InvalidRequest(
                        "line " + line.number(),
                        "line %d: %s at %s in %s appears twice"
                                .formatted(line.number(), line.sku(), line.location(), line.period()));
            }
        }
        return lines;
    }
}
