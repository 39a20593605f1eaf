package io.stockledger.query;

import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A projection as another instance of the query side would leave it: this instance's processor stopped (so it holds
 * no segment) and the projection's committed token at a chosen global position, as the instance that holds the
 * segment would have committed it. Closing restores the tokens and restarts the processor.
 */
public final class ProjectionTokens implements AutoCloseable {

    private final String processingGroup;
    private final StreamingEventProcessor processor;
    private final JdbcClient jdbc;
    private final Serializer serializer;
    private final List<Map<String, Object>> saved;

    private ProjectionTokens(
            String processingGroup, EventProcessingConfiguration processing, JdbcClient jdbc, Serializer serializer) {
        this.processingGroup = processingGroup;
        this.processor = processing
                .eventProcessorByProcessingGroup(processingGroup, StreamingEventProcessor.class)
                .orElseThrow();
        this.jdbc = jdbc;
        this.serializer = serializer;
        processor.shutDown();
        saved = jdbc.sql("SELECT segment, token, tokenType FROM TokenEntry WHERE processorName = ?")
                .param(processingGroup)
                .query()
                .listOfRows();
    }

    /** The projection's processor stopped and its token at {@code position}. */
    public static ProjectionTokens holdAt(
            String processingGroup,
            long position,
            EventProcessingConfiguration processing,
            JdbcClient jdbc,
            Serializer serializer) {
        ProjectionTokens tokens = new ProjectionTokens(processingGroup, processing, jdbc, serializer);
        tokens.moveTo(position);
        return tokens;
    }

    /** The token committed at {@code position}, as a batch up to that event would commit it. */
    public void moveTo(long position) {
        SerializedObject<byte[]> token =
                serializer.serialize(GapAwareTrackingToken.newInstance(position, List.of()), byte[].class);
        jdbc.sql("DELETE FROM TokenEntry WHERE processorName = ?")
                .param(processingGroup)
                .update();
        jdbc.sql("INSERT INTO TokenEntry (processorName, segment, token, tokenType) VALUES (?, 0, ?, ?)")
                .params(processingGroup, token.getData(), token.getType().getName())
                .update();
    }

    @Override
    public void close() {
        jdbc.sql("DELETE FROM TokenEntry WHERE processorName = ?")
                .param(processingGroup)
                .update();
        for (Map<String, Object> row : saved) {
            jdbc.sql("INSERT INTO TokenEntry (processorName, segment, token, tokenType) VALUES (?, ?, ?, ?)")
                    .params(processingGroup, row.get("SEGMENT"), row.get("TOKEN"), row.get("TOKENTYPE"))
                    .update();
        }
        processor.start();
    }
}
