package io.stockledger.query.audit;

import static io.stockledger.query.web.RequestParams.limit;
import static io.stockledger.query.web.RequestParams.matching;
import static io.stockledger.query.web.RequestParams.optional;
import static io.stockledger.query.web.RequestParams.range;
import static io.stockledger.query.web.RequestParams.required;

import io.stockledger.api.audit.AuditFilter;
import io.stockledger.api.audit.AuditPage;
import io.stockledger.api.audit.FindAuditEntries;
import io.stockledger.api.audit.GetTrace;
import io.stockledger.api.audit.Trace;
import io.stockledger.api.common.CorrelationId;
import io.stockledger.api.common.LocationId;
import io.stockledger.api.common.MovementId;
import io.stockledger.api.common.Principal;
import io.stockledger.api.common.ReferenceDocument;
import io.stockledger.api.common.Sku;
import io.stockledger.api.stock.MovementType;
import io.stockledger.query.web.NotFound;
import io.stockledger.query.web.QueryAnswers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Audit", description = "Every change of every position, and the chain of a business transaction")
class AuditController {

    private final QueryGateway queries;

    AuditController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/audit")
    @Operation(
            summary = "Find audit entries",
            description = "Entries in global event order matching every given filter. Time ranges are half-open:"
                    + " from inclusive, to exclusive. Pass the page's next value as after to get the following page.")
    AuditPage find(
            @RequestParam(required = false) String sku,
            @RequestParam(required = false) String location,
            @Parameter(description = "business time, inclusive") @RequestParam(required = false) Instant occurredFrom,
            @Parameter(description = "business time, exclusive") @RequestParam(required = false) Instant occurredTo,
            @Parameter(description = "recorded time, inclusive") @RequestParam(required = false) Instant recordedFrom,
            @Parameter(description = "recorded time, exclusive") @RequestParam(required = false) Instant recordedTo,
            @RequestParam(required = false) MovementType movementType,
            @RequestParam(required = false) String movementId,
            @RequestParam(required = false) String referenceType,
            @RequestParam(required = false) String referenceNumber,
            @RequestParam(required = false) String principal,
            @RequestParam(required = false) String correlationId,
            @Parameter(description = "cursor: the next value of the previous page") @RequestParam(required = false)
                    String after,
            @Parameter(description = "page size, 1 to 1000") @RequestParam(defaultValue = "100") int limit) {
        range("occurredFrom", occurredFrom, "occurredTo", occurredTo);
        range("recordedFrom", recordedFrom, "recordedTo", recordedTo);
        AuditFilter filter = new AuditFilter(
                optional("sku", sku, value -> Sku.of(value).value()),
                optional("location", location, value -> LocationId.of(value).value()),
                occurredFrom,
                occurredTo,
                recordedFrom,
                recordedTo,
                movementType == null ? null : movementType.name(),
                optional("movementId", movementId, value -> MovementId.of(value).value()),
                optional("referenceType", referenceType, matching(ReferenceDocument.TYPE_PATTERN)),
                optional("referenceNumber", referenceNumber, matching(ReferenceDocument.NUMBER_PATTERN)),
                optional("principal", principal, value -> Principal.of(value).value()),
                optional("correlationId", correlationId, value -> CorrelationId.of(value)
                        .value()));
        FindAuditEntries query = new FindAuditEntries(
                filter,
                after == null || after.isEmpty() ? null : after,
                limit("limit", limit, FindAuditEntries.MAX_LIMIT));
        return QueryAnswers.await(queries.query(query, AuditPage.class));
    }

    @GetMapping("/traces/{correlationId}")
    @Operation(
            summary = "Trace a business transaction",
            description = "Every change made under one correlation id, in global event order.")
    Trace trace(@PathVariable String correlationId) {
        CorrelationId id = required("correlationId", correlationId, CorrelationId::of);
        Trace trace = QueryAnswers.await(queries.query(new GetTrace(id), Trace.class));
        if (trace.entries().isEmpty()) {
            throw new NotFound("trace-not-found", "No change was recorded under correlation id " + id);
        }
        return trace;
    }
}
