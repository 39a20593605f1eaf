package io.stockledger.command.platform.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.context.request.WebRequest;

/**
 * The envelope of a bulk request, {@code {"items": [...]}}, and the reading of its items one by one, so that each
 * item is judged on its own: an item that is not readable or not valid is answered with the problem its single
 * endpoint would answer (plus its {@code index}), and its neighbours are still recorded. Only a body that is not
 * such an envelope, or that holds no item or more than {@value #MAX_ITEMS}, is refused as a whole.
 *
 * <p>The body is read here, not by Spring's converter, so that decimals keep every digit on their way through the
 * JSON tree of each item (a {@code double} would round a unit cost of 19 digits).
 */
@Component
public class BulkItems {

    /** The most items one bulk request may carry. */
    public static final int MAX_ITEMS = 1_000;

    /** What a bulk request carries: its items, each still unread. */
    private record Envelope(List<JsonNode> items) {}

    private final ObjectMapper json;
    private final ObjectReader envelopes;
    private final Validator validator;
    private final Problems problems;

    BulkItems(ObjectMapper json, Validator validator, Problems problems) {
        this.json = json;
        this.envelopes = json.readerFor(Envelope.class)
                .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
        this.validator = validator;
        this.problems = problems;
    }

    /**
     * The items of a bulk body. A body that is not a JSON object with an array of 1 to {@value #MAX_ITEMS} items
     * is refused whole: 400 {@code malformed-request} or {@code invalid-request}, and nothing is recorded.
     */
    public List<JsonNode> items(byte[] body, WebRequest request) {
        Envelope envelope;
        try {
            envelope = envelopes.readValue(body);
        } catch (IOException malformed) {
            Exception failure = malformed instanceof JsonProcessingException
                    ? malformed
                    : new Malformed("the request needs a JSON object as its body");
            throw refusedWhole(problems.problemOf(failure, request), malformed);
        }
        if (envelope == null) {
            Malformed malformed = new Malformed("the body must be a single JSON object");
            throw refusedWhole(problems.problemOf(malformed, request), malformed);
        }
        List<JsonNode> items = envelope.items();
        if (items == null || items.isEmpty() || items.size() > MAX_ITEMS) {
            InvalidValue invalid = new InvalidValue(
                    "items",
                    items == null
                            ? "must not be null"
                            : "must hold 1 to %d items, not %d".formatted(MAX_ITEMS, items.size()));
            throw refusedWhole(problems.problemOf(invalid, request), invalid);
        }
        return items;
    }

    /**
     * The value of {@code property} of an item, which chooses what the item is (a movement's {@code kind}, a
     * reservation's {@code action}); an item without one of {@code choices} is an invalid request.
     */
    public String choice(JsonNode item, String property, Collection<String> choices) {
        requireObject(item);
        JsonNode chosen = item.get(property);
        if (chosen == null || !chosen.isTextual() || !choices.contains(chosen.textValue())) {
            throw new InvalidValue(property, "must be one of " + String.join(", ", choices));
        }
        return chosen.textValue();
    }

    /**
     * The item read as {@code type}, the request of its single endpoint, without the properties {@code routing}
     * that the bulk envelope adds, and checked by bean validation as that endpoint checks it.
     *
     * @throws RuntimeException the failure the single endpoint would answer with a 400 problem
     */
    public <T> T read(JsonNode item, Class<T> type, String... routing) {
        requireObject(item);
        ObjectNode body = ((ObjectNode) item).deepCopy();
        body.remove(List.of(routing));
        T request;
        try {
            request = json.treeToValue(body, type);
        } catch (JsonProcessingException malformed) {
            throw new UnreadableItem(malformed);
        }
        if (request == null) {
            throw new Malformed("the item must be a JSON object");
        }
        Set<ConstraintViolation<T>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return request;
    }

    /** The problem the single endpoint would answer for {@code failure}, marked with the item's index. */
    public ProblemDetail problem(int index, Exception failure, WebRequest request) {
        Exception cause = failure instanceof UnreadableItem unreadable ? unreadable.malformed : failure;
        ProblemDetail problem = problems.problemOf(cause, request);
        problem.setProperty("index", index);
        return problem;
    }

    /**
     * Waits for a command sent with {@code CommandGateway.send}: its result, or the failure that {@code sendAndWait}
     * would have thrown.
     */
    public static <R> R result(CompletableFuture<R> sent) {
        try {
            return sent.join();
        } catch (CompletionException | CancellationException failed) {
            Throwable failure = failed.getCause() == null ? failed : failed.getCause();
            throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
        }
    }

    private static void requireObject(JsonNode item) {
        if (item == null || !item.isObject()) {
            throw new Malformed("the item must be a JSON object");
        }
    }

    private static ErrorResponseException refusedWhole(ProblemDetail problem, Exception cause) {
        return new ErrorResponseException(HttpStatus.valueOf(problem.getStatus()), problem, cause);
    }

    /** A value of the envelope or of an item's routing that is missing or not allowed. */
    private static final class InvalidValue extends ApiProblem {

        InvalidValue(String field, String message) {
            super(
                    HttpStatus.BAD_REQUEST,
                    Problems.INVALID_REQUEST,
                    Problems.INVALID_REQUEST_TITLE,
                    "the request is invalid: " + field + " " + message,
                    Map.of("errors", List.of(new Problems.InvalidField(field, message))));
        }
    }

    /** A body or an item that is not the JSON object it must be. */
    private static final class Malformed extends ApiProblem {

        Malformed(String detail) {
            super(
                    HttpStatus.BAD_REQUEST,
                    Problems.MALFORMED_REQUEST,
                    Problems.MALFORMED_REQUEST_TITLE,
                    detail,
                    Map.of());
        }
    }

    /** An item Jackson could not read as its request: answered as the malformed request it would be alone. */
    private static final class UnreadableItem extends RuntimeException {

        private final JsonProcessingException malformed;

        UnreadableItem(JsonProcessingException malformed) {
            super(malformed.getOriginalMessage(), malformed, false, false);
            this.malformed = malformed;
        }
    }
}
