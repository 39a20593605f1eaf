package io.stockledger.query.eventlog;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * How far the event log goes and how far each projection got: its position, its lag behind the log and whether its
 * processor is failing. The query side stays up while the log cannot be read; it answers from what it has.
 */
@Component("eventLog")
class EventLogHealth implements HealthIndicator {

    private final EventStore eventStore;
    private final EventProcessingConfiguration processing;

    EventLogHealth(EventStore eventStore, EventProcessingConfiguration processing) {
        this.eventStore = eventStore;
        this.processing = processing;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up();
        long head = -1;
        try {
            TrackingToken token = eventStore.createHeadToken();
            head = token == null ? -1 : token.position().orElse(-1);
            health.withDetail("head", head);
        } catch (RuntimeException e) {
            health.withDetail(
                    "head",
                    LedgerEventStorageEngine.isMissingEventTables(e)
                            ? "the event tables do not exist yet; has the command side run?"
                            : "unreadable: " + e.getMessage());
        }
        Map<String, Object> projections = new LinkedHashMap<>();
        for (var entry : processing.eventProcessors().entrySet()) {
            if (entry.getValue() instanceof StreamingEventProcessor processor) {
                projections.put(entry.getKey(), status(processor, head));
            }
        }
        return health.withDetail("projections", projections).build();
    }

    private static Map<String, Object> status(StreamingEventProcessor processor, long head) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("running", processor.isRunning());
        status.put("error", processor.isError());
        OptionalLong position = processor.processingStatus().values().stream()
                .map(EventTrackerStatus::getCurrentPosition)
                .filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong)
                .min();
        if (position.isPresent()) {
            status.put("position", position.getAsLong());
            if (head >= 0) {
                status.put("lag", Math.max(0, head - position.getAsLong()));
            }
        }
        return status;
    }
}
