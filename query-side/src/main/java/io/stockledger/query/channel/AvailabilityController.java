package io.stockledger.query.channel;

import static io.stockledger.query.web.RequestParams.limit;
import static io.stockledger.query.web.RequestParams.optional;
import static io.stockledger.query.web.RequestParams.required;

import io.stockledger.api.channel.Availability;
import io.stockledger.api.channel.FindAvailability;
import io.stockledger.api.channel.GetAvailability;
import io.stockledger.api.common.ChannelId;
import io.stockledger.api.common.Sku;
import io.stockledger.query.web.InvalidRequest;
import io.stockledger.query.web.NotFound;
import io.stockledger.query.web.QueryAnswers;
import io.stockledger.query.web.ReadsProjection;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@ReadsProjection(AvailabilityProjection.PROCESSING_GROUP)
@RequestMapping("/api/v1/channels")
@Tag(
        name = "Availability",
        description = "Available-to-sell per channel: per SKU, per location and over the channel's locations; pushed"
                + " as server-sent events")
class AvailabilityController {

    private final QueryGateway queries;
    private final AvailabilityStream stream;

    AvailabilityController(QueryGateway queries, AvailabilityStream stream) {
        this.queries = queries;
        this.stream = stream;
    }

    @GetMapping("/{channel}/availability")
    @Operation(
            summary = "Available-to-sell of many SKUs, or a page of the channel's whole assortment",
            description = "With sku (repeated or comma-separated, up to 500): those SKUs, in that order. Without: the"
                    + " channel's assortment by SKU, a page at a time (after = the previous page's next). Every answer"
                    + " states the global event position it reflects and its age. With X-Min-Event-Position (the"
                    + " X-Event-Position of a command's 2xx) it waits up to maxWaitMillis until the projection has"
                    + " applied that event, or answers 412 position-not-reached.")
    Availability availability(
            @PathVariable String channel,
            @Parameter(description = "SKUs to answer, up to 500") @RequestParam(required = false) List<String> sku,
            @Parameter(description = "cursor: the next value of the previous page") @RequestParam(required = false)
                    String after,
            @Parameter(description = "page size, 1 to 500") @RequestParam(defaultValue = "100") int limit) {
        ChannelId id = required("channel", channel, ChannelId::of);
        Object query;
        if (sku != null && !sku.isEmpty()) {
            if (sku.size() > GetAvailability.MAX_SKUS) {
                throw new InvalidRequest("sku", "sku may name at most " + GetAvailability.MAX_SKUS + " SKUs");
            }
            query = new GetAvailability(
                    id, sku.stream().map(raw -> required("sku", raw, Sku::of)).toList());
        } else {
            query = new FindAvailability(
                    id, optional("after", after, Sku::of), limit("limit", limit, FindAvailability.MAX_LIMIT));
        }
        return QueryAnswers.await(queries.query(query, ResponseTypes.optionalInstanceOf(Availability.class)))
                .orElseThrow(() -> unknown(id));
    }

    @GetMapping(path = "/{channel}/availability/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(
            summary = "Server-sent events: every change of the channel's available-to-sell",
            description = "Each event (name availability) carries a SKU's new figures and the event position that"
                    + " changed them; its id is the change's sequence number. Reconnect with Last-Event-ID to resume"
                    + " with exactly the changes after it (0: from the beginning); without it the stream starts with"
                    + " the next change.")
    SseEmitter stream(
            @PathVariable String channel,
            @Parameter(description = "only these SKUs (repeated or comma-separated, up to 500)")
                    @RequestParam(required = false)
                    List<String> sku,
            @RequestHeader(value = "Last-Event-ID", required = false) String lastEventId) {
        ChannelId id = required("channel", channel, ChannelId::of);
        List<String> skus = sku == null
                ? List.of()
                : sku.stream().map(raw -> required("sku", raw, Sku::of).value()).toList();
        if (skus.size() > GetAvailability.MAX_SKUS) {
            throw new InvalidRequest("sku", "sku may name at most " + GetAvailability.MAX_SKUS + " SKUs");
        }
        Long after = optional("Last-Event-ID", lastEventId, AvailabilityController::changeId);
        QueryAnswers.await(queries.query(
                        new FindAvailability(id, null, 1), ResponseTypes.optionalInstanceOf(Availability.class)))
                .orElseThrow(() -> unknown(id));
        return stream.subscribe(id.value(), skus, after);
    }

    private static long changeId(String raw) {
        long value = Long.parseLong(raw);
        if (value < 0) {
            throw new IllegalArgumentException("must not be negative, got " + value);
        }
        return value;
    }

    private static NotFound unknown(ChannelId channel) {
        return new NotFound("channel-not-found", "No channel " + channel + " was ever defined");
    }
}
