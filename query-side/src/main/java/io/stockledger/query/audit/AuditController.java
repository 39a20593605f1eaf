package io.stockledger.query.audit;

import static io.stockledger.query.web.RequestParams.limit;
import static io.stockledger.query.web.RequestParams.required;

import io.stockledger.api.audit.AuditFilter;
import io.stockledger.api.audit.AuditPage;
import io.stockledger.api.audit.FindAuditEntries;
import io.stockledger.api.audit.GetTrace;
import io.stockledger.api.audit.Trace;
import io.stockledger.api.common.CorrelationId;
import io.stockledger.query.web.NotFound;
import io.stockledger.query.web.QueryAnswers;
import io.stockledger.query.web.ReadsProjection;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.queryhandling.QueryGateway;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

@RestController
@ReadsProjection(AuditProjection.PROCESSING_GROUP)
@RequestMapping("/api/v1")
@Tag(name = "Audit", description = "Every change of every position, and the chain of a business transaction")
class AuditController {

    private final QueryGateway queries;
    private final AuditExport export;

    AuditController(QueryGateway queries, AuditExport export) {
        this.queries = queries;
        this.export = export;
    }

    @GetMapping("/audit")
    @Operation(
            summary = "Find audit entries",
            description = "Entries in global event order matching every given filter. Time ranges are half-open:"
                    + " from inclusive, to exclusive. Pass the page's next value as after to get the following page.")
    AuditPage find(
            @ParameterObject AuditSearch search,
            @Parameter(description = "cursor: the next value of the previous page") @RequestParam(required = false)
                    String after,
            @Parameter(description = "page size, 1 to 1000") @RequestParam(defaultValue = "100") int limit) {
        AuditFilter filter = search.filter();
        FindAuditEntries query = new FindAuditEntries(
                filter,
                after == null || after.isEmpty() ? null : after,
                limit("limit", limit, FindAuditEntries.MAX_LIMIT));
        return QueryAnswers.await(queries.query(query, AuditPage.class));
    }

    @GetMapping(
            value = "/audit/export",
            produces = {"text/csv", "application/jsonl"})
    @Operation(
            summary = "Export audit entries",
            description = "Every entry matching every given filter, in global event order, streamed as CSV (a header"
                    + " row, the buckets as before.onHand and so on, attributes as one JSON field) or as JSON lines"
                    + " (one entry per line, as in the paged search). Memory stays constant whatever the size.")
    ResponseEntity<StreamingResponseBody> export(
            @ParameterObject AuditSearch search,
            @Parameter(description = "csv (default) or jsonl") @RequestParam(defaultValue = "csv") String format) {
        AuditFilter filter = search.filter();
        AuditExport.Format chosen = required("format", format, AuditExport.Format::of);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(chosen.mediaType + ";charset=UTF-8"))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("audit." + chosen.extension)
                                .build()
                                .toString())
                .body(out -> export.write(filter, chosen, out));
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
