package io.stockledger.query.stock;

import static io.stockledger.query.web.RequestParams.limit;
import static io.stockledger.query.web.RequestParams.optional;
import static io.stockledger.query.web.RequestParams.required;

import io.stockledger.api.common.LocationId;
import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Sku;
import io.stockledger.api.stock.BalanceAsOf;
import io.stockledger.api.stock.FindPositions;
import io.stockledger.api.stock.GetBalanceAsOf;
import io.stockledger.api.stock.GetPosition;
import io.stockledger.api.stock.PositionPage;
import io.stockledger.api.stock.PositionView;
import io.stockledger.query.web.NotFound;
import io.stockledger.query.web.QueryAnswers;
import io.stockledger.query.web.ReadsProjection;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@ReadsProjection(PositionProjection.PROCESSING_GROUP)
@RequestMapping("/api/v1/positions")
@Tag(name = "Positions", description = "Stock positions: one SKU at one location, every bucket")
class PositionController {

    private final QueryGateway queries;
    private final Clock clock;

    PositionController(QueryGateway queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    @GetMapping
    @Operation(
            summary = "List positions",
            description = "Positions ordered by SKU then location, optionally filtered by SKU and/or location. Pass"
                    + " the page's next value as after to get the following page.")
    PositionPage find(
            @RequestParam(required = false) String sku,
            @RequestParam(required = false) String location,
            @Parameter(description = "cursor: the next value of the previous page") @RequestParam(required = false)
                    String after,
            @Parameter(description = "page size, 1 to 1000") @RequestParam(defaultValue = "100") int limit) {
        FindPositions query = new FindPositions(
                optional("sku", sku, Sku::of),
                optional("location", location, LocationId::of),
                after == null || after.isEmpty() ? null : after,
                limit("limit", limit, FindPositions.MAX_LIMIT));
        return QueryAnswers.await(queries.query(query, PositionPage.class));
    }

    @GetMapping("/{sku}/{location}")
    @Operation(
            summary = "Get one position",
            description = "Every bucket as recorded, when it last changed and the global event position it reflects.")
    PositionView get(@PathVariable String sku, @PathVariable String location) {
        PositionId position = position(sku, location);
        return QueryAnswers.await(
                        queries.query(new GetPosition(position), ResponseTypes.optionalInstanceOf(PositionView.class)))
                .orElseThrow(() -> unknown(position));
    }

    @GetMapping("/{sku}/{location}/balance")
    @Operation(
            summary = "Get a position's balance as of a business instant",
            description = "Every movement at or before asOf counts, in business-time order; a count sets on hand."
                    + " Backdated movements recorded later can still change the answer for a past instant.")
    BalanceAsOf balance(
            @PathVariable String sku,
            @PathVariable String location,
            @Parameter(description = "ISO-8601 instant; defaults to now") @RequestParam(required = false)
                    Instant asOf) {
        PositionId position = position(sku, location);
        GetBalanceAsOf query = new GetBalanceAsOf(position, asOf == null ? clock.instant() : asOf);
        return QueryAnswers.await(queries.query(query, ResponseTypes.optionalInstanceOf(BalanceAsOf.class)))
                .orElseThrow(() -> unknown(position));
    }

    private static PositionId position(String sku, String location) {
        return new PositionId(required("sku", sku, Sku::of), required("location", location, LocationId::of));
    }

    private static NotFound unknown(PositionId position) {
        return new NotFound(
                "position-not-found",
                "No movement was ever recorded for SKU " + position.sku() + " at location " + position.location());
    }
}
