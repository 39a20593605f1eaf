package io.stockledger.query.eventlog;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the projections' processors read the log.
 *
 * @param batchSize events handled, and committed with their tracking token, per transaction
 * @param threads threads per processor in this instance: the most segments of one processor it can own at once
 * @param segments segments per processing group when its tokens are first created (default 1); events of one
 *     aggregate always land in the same segment
 */
@ConfigurationProperties("stockledger.projections")
record ProjectionProperties(
        @DefaultValue("100") int batchSize,
        @DefaultValue("1") int threads,
        @DefaultValue Map<String, Integer> segments) {

    ProjectionProperties {
        segments = Map.copyOf(segments);
    }

    int segmentsOf(String processingGroup) {
        return segments.getOrDefault(processingGroup, 1);
    }
}
