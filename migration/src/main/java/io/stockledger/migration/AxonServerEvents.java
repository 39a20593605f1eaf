package io.stockledger.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import io.axoniq.axonserver.grpc.MetaDataValue;
import io.axoniq.axonserver.grpc.SerializedObject;
import io.axoniq.axonserver.grpc.event.Event;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;

/**
 * An embedded store's event as Axon Server stores it: the same event identifier, aggregate identifier, type and
 * sequence number, the same payload bytes with their type and revision, the same timestamp (to the millisecond, which
 * is as precise as Axon Server keeps it), and each metadata entry as the value Axon Framework itself would send for it.
 */
final class AxonServerEvents {

    private final ObjectMapper json;

    AxonServerEvents(ObjectMapper json) {
        this.json = json;
    }

    Event toAxonServer(StoredEvent stored) {
        Event.Builder event = Event.newBuilder()
                .setMessageIdentifier(stored.eventIdentifier())
                .setAggregateIdentifier(stored.aggregateIdentifier())
                .setAggregateSequenceNumber(stored.sequenceNumber())
                .setAggregateType(stored.aggregateType() == null ? "" : stored.aggregateType())
                .setTimestamp(Instant.parse(stored.timeStamp()).toEpochMilli())
                .setPayload(SerializedObject.newBuilder()
                        .setType(stored.payloadType())
                        .setRevision(stored.payloadRevision() == null ? "" : stored.payloadRevision())
                        .setData(ByteString.copyFrom(stored.payload())))
                .setSnapshot(false);
        metaData(stored).forEachRemaining(entry -> event.putMetaData(entry.getKey(), value(stored, entry)));
        return event.build();
    }

    private Iterator<Map.Entry<String, JsonNode>> metaData(StoredEvent stored) {
        if (stored.metaData() == null || stored.metaData().length == 0) {
            return java.util.Collections.emptyIterator();
        }
        try {
            JsonNode node = json.readTree(stored.metaData());
            if (!node.isObject()) {
                throw new IllegalArgumentException(
                        "event " + stored.eventIdentifier() + " has metadata that is not a JSON object: " + node);
            }
            return node.fields();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the metadata of event " + stored.eventIdentifier(), e);
        }
    }

    /** What Axon Framework's GrpcMetaDataConverter sends for a String, a whole number, a decimal, a boolean. */
    private static MetaDataValue value(StoredEvent stored, Map.Entry<String, JsonNode> entry) {
        JsonNode value = entry.getValue();
        if (value.isTextual()) {
            return MetaDataValue.newBuilder().setTextValue(value.textValue()).build();
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return MetaDataValue.newBuilder().setNumberValue(value.longValue()).build();
        }
        if (value.isNumber()) {
            return MetaDataValue.newBuilder()
                    .setDoubleValue(value.doubleValue())
                    .build();
        }
        if (value.isBoolean()) {
            return MetaDataValue.newBuilder()
                    .setBooleanValue(value.booleanValue())
                    .build();
        }
        throw new IllegalArgumentException("event " + stored.eventIdentifier() + " has a metadata value under '"
                + entry.getKey() + "' that is not a string, number or boolean (" + value.getNodeType()
                + "): the migration does not know which Java type wrote it");
    }
}
