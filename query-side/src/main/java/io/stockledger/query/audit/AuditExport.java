package io.stockledger.query.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.stockledger.api.audit.AuditEntry;
import io.stockledger.api.audit.AuditFilter;
import io.stockledger.api.stock.Balance;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Streams the audit history for a filter, in global order, as CSV or as JSON lines, one entry at a time from the
 * database to the response: memory stays constant whatever the number of rows.
 */
@Component
class AuditExport {

    /** The export formats, with their media types. */
    enum Format {
        CSV("text/csv", "csv"),
        JSONL("application/jsonl", "jsonl");

        final String mediaType;
        final String extension;

        Format(String mediaType, String extension) {
            this.mediaType = mediaType;
            this.extension = extension;
        }

        static Format of(String name) {
            for (Format format : values()) {
                if (format.extension.equalsIgnoreCase(name)) {
                    return format;
                }
            }
            throw new IllegalArgumentException("format must be csv or jsonl");
        }
    }

    private static final int BUFFER = 64 * 1024;

    private final AuditRows rows;
    private final ObjectMapper json;
    private final CsvMapper csv = new CsvMapper();
    private final List<String> columns;

    AuditExport(AuditRows rows, ObjectMapper json) {
        this.rows = rows;
        // Every field present in every row, so that each CSV row has the header's columns.
        this.json = json.copy().setSerializationInclusion(JsonInclude.Include.ALWAYS);
        this.columns = flatten(this.json.valueToTree(template())).keys();
    }

    /** The CSV header: every field of an audit entry, the buckets as {@code before.onHand} and so on. */
    List<String> columns() {
        return columns;
    }

    void write(AuditFilter filter, Format format, OutputStream target) throws IOException {
        OutputStream out = new BufferedOutputStream(target, BUFFER);
        ObjectWriter writer = format == Format.CSV
                ? csv.writerFor(String[].class).with(CsvSchema.emptySchema())
                : json.writer().withRootValueSeparator("\n");
        try (SequenceWriter sequence =
                writer.without(JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValues(out)) {
            if (format == Format.CSV) {
                sequence.write(columns.toArray(String[]::new));
            }
            rows.export(filter, entry -> {
                try {
                    sequence.write(format == Format.CSV ? csvRow(entry) : entry);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        if (format == Format.JSONL) {
            out.write('\n');
        }
        out.flush();
    }

    private String[] csvRow(AuditEntry entry) {
        return flatten(json.valueToTree(entry)).values().toArray(String[]::new);
    }

    /** Field names and values, nested objects spelled {@code outer.inner}; a map of attributes stays one JSON field. */
    private static Flat flatten(JsonNode entry) {
        Flat flat = new Flat(new ArrayList<>(), new ArrayList<>());
        for (Iterator<Map.Entry<String, JsonNode>> fields = entry.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (value.isObject() && !"attributes".equals(field.getKey())) {
                value.fields()
                        .forEachRemaining(inner -> flat.add(field.getKey() + "." + inner.getKey(), inner.getValue()));
            } else {
                flat.add(field.getKey(), value);
            }
        }
        return flat;
    }

    private record Flat(List<String> keys, List<String> values) {
        void add(String key, JsonNode value) {
            keys.add(key);
            values.add(value.isNull() ? "" : value.isValueNode() ? value.asText() : value.toString());
        }
    }

    /** An entry with every field present, for the header: the contract's record, whatever fields it grows. */
    private static AuditEntry template() {
        RecordComponent[] components = AuditEntry.class.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            Class<?> type = components[i].getType();
            types[i] = type;
            values[i] = type == long.class
                    ? 0L
                    : type == int.class
                            ? 0
                            : type == boolean.class
                                    ? false
                                    : type == Balance.class ? Balance.ZERO : type == Map.class ? Map.of() : null;
        }
        try {
            return AuditEntry.class.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("AuditEntry is a record with a canonical constructor", e);
        }
    }
}
