package io.stockledger.query.observability;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** How many sequences and events each projection has parked in its dead-letter queue. */
@Component
class DeadLetterCounts {

    /** One projection's parked sequences and events. */
    record Parked(long sequences, long letters) {}

    private final Supplier<Map<String, Parked>> counts;

    @Autowired
    DeadLetterCounts(EventProcessingConfiguration processing) {
        this(() -> {
            Map<String, Parked> parked = new TreeMap<>();
            processing.eventProcessors().keySet().forEach(group -> processing
                    .deadLetterQueue(group)
                    .ifPresent(queue -> parked.put(group, new Parked(queue.amountOfSequences(), queue.size()))));
            return parked;
        });
    }

    DeadLetterCounts(Supplier<Map<String, Parked>> counts) {
        this.counts = counts;
    }

    /** Per processing group that has a dead-letter queue. */
    Map<String, Parked> read() {
        return counts.get();
    }
}
