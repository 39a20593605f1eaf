package io.stockledger.query.deadletter;

import io.stockledger.query.web.NotFound;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/dead-letters")
@Tag(name = "Dead letters", description = "Events a projection failed on, parked per sequence; retry or evict them")
class DeadLetterController {

    /** How many sequences of one processing group a listing shows. */
    private static final int LISTED_SEQUENCES = 100;

    /** One parked event and why it failed. */
    record Letter(
            String eventId,
            String payloadType,
            Instant timestamp,
            Instant enqueuedAt,
            Instant lastTouched,
            String causeType,
            String causeMessage) {}

    /** The parked events of one sequence (a position, a reservation), in the order they must be handled. */
    record Sequence(String sequenceIdentifier, List<Letter> letters) {}

    /** A processing group's dead letters: how many, and the first sequences. */
    record GroupLetters(String processingGroup, long sequences, long letters, List<Sequence> items) {}

    /** The outcome of a retry. */
    record Retry(String processingGroup, String sequenceIdentifier, boolean succeeded, long lettersLeft) {}

    private final EventProcessingConfiguration processing;

    DeadLetterController(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    @GetMapping
    @Operation(summary = "List dead letters", description = "Every projection's parked events, per sequence.")
    List<GroupLetters> list() {
        List<GroupLetters> groups = new ArrayList<>();
        processing.eventProcessors().keySet().stream().sorted().forEach(group -> processing
                .deadLetterQueue(group)
                .ifPresent(queue -> groups.add(letters(group, queue))));
        return groups;
    }

    @GetMapping("/{processingGroup}")
    @Operation(summary = "List one projection's dead letters")
    GroupLetters list(@PathVariable String processingGroup) {
        return letters(processingGroup, queue(processingGroup));
    }

    @PostMapping("/{processingGroup}/{sequenceIdentifier}/retries")
    @Operation(
            summary = "Retry a sequence",
            description = "Hands the sequence's parked events to the projection again, in order. Each one handled is"
                    + " evicted; the first that fails again stays parked with the new cause, and so does the rest.")
    Retry retry(@PathVariable String processingGroup, @PathVariable String sequenceIdentifier) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(processingGroup);
        String first = firstLetter(queue, processingGroup, sequenceIdentifier)
                .message()
                .getIdentifier();
        SequencedDeadLetterProcessor<EventMessage<?>> processor =
                processing.sequencedDeadLetterProcessor(processingGroup).orElseThrow(() -> noQueue(processingGroup));
        boolean succeeded =
                processor.process(letter -> letter.message().getIdentifier().equals(first));
        return new Retry(processingGroup, sequenceIdentifier, succeeded, queue.sequenceSize(sequenceIdentifier));
    }

    @DeleteMapping("/{processingGroup}/{sequenceIdentifier}/{eventId}")
    @Operation(
            summary = "Evict a dead letter",
            description = "Drops one parked event for good: the projection will never handle it. The rest of its"
                    + " sequence stays parked until retried.")
    ResponseEntity<Void> evict(
            @PathVariable String processingGroup,
            @PathVariable String sequenceIdentifier,
            @PathVariable String eventId) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(processingGroup);
        DeadLetter<? extends EventMessage<?>> letter = find(queue, sequenceIdentifier, eventId)
                .orElseThrow(() -> new NotFound(
                        "dead-letter-not-found",
                        "No dead letter of event " + eventId + " in sequence " + sequenceIdentifier + " of "
                                + processingGroup));
        queue.evict(letter);
        return ResponseEntity.noContent().build();
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue(String processingGroup) {
        if (processing.eventProcessorByProcessingGroup(processingGroup).isEmpty()) {
            throw noQueue(processingGroup);
        }
        return processing.deadLetterQueue(processingGroup).orElseThrow(() -> noQueue(processingGroup));
    }

    private static NotFound noQueue(String processingGroup) {
        return new NotFound(
                "dead-letter-queue-not-found", "No projection named " + processingGroup + " parks dead letters");
    }

    private static DeadLetter<? extends EventMessage<?>> firstLetter(
            SequencedDeadLetterQueue<EventMessage<?>> queue, String processingGroup, String sequenceIdentifier) {
        for (DeadLetter<? extends EventMessage<?>> letter : queue.deadLetterSequence(sequenceIdentifier)) {
            return letter;
        }
        throw new NotFound(
                "dead-letter-not-found",
                "No dead letters in sequence " + sequenceIdentifier + " of " + processingGroup);
    }

    private static Optional<DeadLetter<? extends EventMessage<?>>> find(
            SequencedDeadLetterQueue<EventMessage<?>> queue, String sequenceIdentifier, String eventId) {
        for (DeadLetter<? extends EventMessage<?>> letter : queue.deadLetterSequence(sequenceIdentifier)) {
            if (letter.message().getIdentifier().equals(eventId)) {
                return Optional.of(letter);
            }
        }
        return Optional.empty();
    }

    private static GroupLetters letters(String group, SequencedDeadLetterQueue<EventMessage<?>> queue) {
        List<Sequence> sequences = new ArrayList<>();
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
            if (sequences.size() == LISTED_SEQUENCES) {
                break;
            }
            List<Letter> letters = new ArrayList<>();
            String identifier = null;
            for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                identifier = identifier == null ? sequenceIdentifier(letter) : identifier;
                letters.add(new Letter(
                        letter.message().getIdentifier(),
                        letter.message().getPayloadType().getName(),
                        letter.message().getTimestamp(),
                        letter.enqueuedAt(),
                        letter.lastTouched(),
                        letter.cause().map(cause -> cause.type()).orElse(null),
                        letter.cause().map(cause -> cause.message()).orElse(null)));
            }
            sequences.add(new Sequence(identifier, letters));
        }
        return new GroupLetters(group, queue.amountOfSequences(), queue.size(), sequences);
    }

    /** The JDBC queue's letters know their sequence; the aggregate id is the sequence of every projection here. */
    private static String sequenceIdentifier(DeadLetter<? extends EventMessage<?>> letter) {
        if (letter instanceof org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter<?> jdbc) {
            return String.valueOf(jdbc.getSequenceIdentifier());
        }
        return letter.message() instanceof org.axonframework.eventhandling.DomainEventMessage<?> domain
                ? domain.getAggregateIdentifier()
                : letter.message().getIdentifier();
    }
}
