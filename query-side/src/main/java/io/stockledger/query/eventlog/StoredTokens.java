package io.stockledger.query.eventlog;

import java.util.List;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The tracking tokens a processing group has committed, one per segment, read from {@code TokenEntry} in the
 * projections database. A projection's rows commit with its token, so these say what every instance sharing that
 * database has applied, whichever of them holds the segments; a processor's own in-memory status says only what this
 * instance's threads have handled.
 */
@Component
public class StoredTokens {

    private final JdbcClient jdbc;
    private final Serializer serializer;

    StoredTokens(JdbcClient jdbc, @Qualifier("serializer") Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /** The processor's committed tokens, one per segment; {@code null} for a segment that has read nothing yet. */
    public List<TrackingToken> of(String processorName) {
        return jdbc.sql("SELECT token, tokenType FROM TokenEntry WHERE processorName = ?")
                .param(processorName)
                .query((row, index) -> {
                    byte[] token = row.getBytes("token");
                    String type = row.getString("tokenType");
                    return token == null || type == null
                            ? null
                            : serializer.<byte[], TrackingToken>deserialize(
                                    new SimpleSerializedObject<>(token, byte[].class, type, null));
                })
                .list();
    }
}
