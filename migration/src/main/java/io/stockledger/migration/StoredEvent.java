package io.stockledger.migration;

/**
 * One row of the embedded store's event table, as Axon's JDBC storage engine wrote it.
 *
 * @param timeStamp ISO-8601, as the embedded store keeps it
 * @param metaData the event's metadata as the JSON object Axon's Jackson serializer wrote, or null
 */
record StoredEvent(
        long globalIndex,
        String eventIdentifier,
        String aggregateIdentifier,
        long sequenceNumber,
        String aggregateType,
        String timeStamp,
        String payloadType,
        String payloadRevision,
        byte[] payload,
        byte[] metaData) {}
