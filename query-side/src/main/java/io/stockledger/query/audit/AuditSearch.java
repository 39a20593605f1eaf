package io.stockledger.query.audit;

import static io.stockledger.query.web.RequestParams.matching;
import static io.stockledger.query.web.RequestParams.optional;
import static io.stockledger.query.web.RequestParams.range;

import io.stockledger.api.audit.AuditFilter;
import io.stockledger.api.common.CorrelationId;
import io.stockledger.api.common.LocationId;
import io.stockledger.api.common.MovementId;
import io.stockledger.api.common.Principal;
import io.stockledger.api.common.ReferenceDocument;
import io.stockledger.api.common.Sku;
import io.stockledger.api.stock.MovementType;
import io.swagger.v3.oas.annotations.Parameter;
import java.time.Instant;

/**
 * The filters of the audit history, as query parameters, shared by the paged search and the exports. Every given
 * filter must match; time ranges are half-open (from inclusive, to exclusive).
 */
record AuditSearch(
        String sku,
        String location,
        @Parameter(description = "business time, inclusive") Instant occurredFrom,
        @Parameter(description = "business time, exclusive") Instant occurredTo,
        @Parameter(description = "recorded time, inclusive") Instant recordedFrom,
        @Parameter(description = "recorded time, exclusive") Instant recordedTo,
        MovementType movementType,
        String movementId,
        String referenceType,
        String referenceNumber,
        String principal,
        String correlationId) {

    /** The filter, each value checked against the contract's value types; a bad one names its parameter. */
    AuditFilter filter() {
        range("occurredFrom", occurredFrom, "occurredTo", occurredTo);
        range("recordedFrom", recordedFrom, "recordedTo", recordedTo);
        return new AuditFilter(
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
    }
}
