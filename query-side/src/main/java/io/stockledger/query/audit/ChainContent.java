package io.stockledger.query.audit;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stockledger.query.eventlog.EventLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * What a link of the hash chain covers of an event, in one canonical form: its identifier, payload type and revision,
 * timestamp, aggregate (type, identifier, sequence number), payload and metadata. Payload and metadata are taken as
 * JSON with object keys sorted and null fields left out, so the digest depends on what the event says, not on how a
 * serializer happened to order or omit fields. The digest is computed from the event as Axon delivers it, from the
 * embedded log or from Axon Server alike; the metadata the embedded log adds on reading (the global index) is left
 * out. The payload is serialized afresh from what the event says, so two stores holding the same event in different
 * but equivalent bytes (an instant with or without trailing zeros) give it the same link; a change to what an event
 * says changes its link, a change to its bytes that the event does not read (an unknown field) does not.
 */
@Component
class ChainContent {

    /** The link before the first. */
    static final String GENESIS = "0".repeat(64);

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final Serializer serializer;

    ChainContent(@Qualifier("eventSerializer") Serializer serializer) {
        this.serializer = serializer;
    }

    /** The hex SHA-256 of the event's canonical content. */
    String hash(EventMessage<?> event) {
        // Serialized afresh from the payload object, never the stored bytes: Axon hands those back only when the
        // message's serializer is this very instance, which holds for the embedded log but not for Axon Server (its
        // connector wraps the serializer). Stored bytes that say the same thing in another form (an instant written
        // with trailing zeros, say) would otherwise hash differently on the two stores.
        SerializedObject<byte[]> payload = serializer.serialize(event.getPayload(), byte[].class);
        StringBuilder content = new StringBuilder(512)
                .append("id:")
                .append(event.getIdentifier())
                .append("\ntype:")
                .append(payload.getType().getName())
                .append("\nrevision:")
                .append(payload.getType().getRevision())
                .append("\ntimestamp:")
                .append(event.getTimestamp());
        if (event instanceof DomainEventMessage<?> domain) {
            content.append("\naggregate:")
                    .append(domain.getType())
                    .append('/')
                    .append(domain.getAggregateIdentifier())
                    .append('/')
                    .append(domain.getSequenceNumber());
        }
        content.append("\npayload:").append(canonical(payload.getData()));
        content.append("\nmetadata:").append(canonical(event.getMetaData()));
        return sha256(content.toString());
    }

    /** The link that follows {@code previous} for an event of the given content hash. */
    static String link(String previous, String contentHash) {
        return sha256(previous + contentHash);
    }

    private static String canonical(byte[] json) {
        try {
            return JSON.writeValueAsString(sorted(JSON.readTree(json)));
        } catch (IOException e) {
            throw new UncheckedIOException("an event payload that is not JSON", e);
        }
    }

    private static String canonical(Map<String, ?> metaData) {
        Map<String, Object> sorted = new TreeMap<>(metaData);
        sorted.remove(EventLog.GLOBAL_INDEX);
        try {
            return JSON.writeValueAsString(sorted(JSON.valueToTree(sorted)));
        } catch (IOException e) {
            throw new UncheckedIOException("event metadata that cannot be written as JSON", e);
        }
    }

    /** The same tree with every object's fields in name order and null fields left out. */
    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> fields = new TreeMap<>();
            node.fields().forEachRemaining(field -> fields.put(field.getKey(), field.getValue()));
            ObjectNode result = JsonNodeFactory.instance.objectNode();
            fields.forEach((name, value) -> {
                if (!value.isNull()) {
                    result.set(name, sorted(value));
                }
            });
            return result;
        }
        if (node.isArray()) {
            var result = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> result.add(sorted(element)));
            return result;
        }
        return node;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
