package io.stockledger.query.finance;

import static io.stockledger.query.web.RequestParams.optional;
import static io.stockledger.query.web.RequestParams.required;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.stockledger.api.common.LocationId;
import io.stockledger.api.common.Sku;
import io.stockledger.api.finance.CheckRollForward;
import io.stockledger.api.finance.GetPeriodBalances;
import io.stockledger.api.finance.PeriodBalance;
import io.stockledger.api.finance.PeriodBalances;
import io.stockledger.api.finance.RollForwardCheck;
import io.stockledger.query.web.QueryAnswers;
import io.stockledger.query.web.ReadsProjection;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.YearMonth;
import java.util.stream.Collectors;
import org.axonframework.queryhandling.QueryGateway;
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
@ReadsProjection(FinanceProjection.PROCESSING_GROUP)
@RequestMapping("/api/v1/finance")
@Tag(name = "Finance", description = "Period balances in quantity and value, period closes, the roll-forward check")
class FinanceController {

    static final String CSV = "text/csv";

    private static final CsvSchema BALANCE_COLUMNS = CsvSchema.builder()
            .addColumn("sku")
            .addColumn("location")
            .addColumn("period")
            .addColumn("opening_quantity")
            .addColumn("receipts_quantity")
            .addColumn("shipments_quantity")
            .addColumn("transfers_in_quantity")
            .addColumn("transfers_out_quantity")
            .addColumn("returns_quantity")
            .addColumn("adjustments_quantity")
            .addColumn("write_offs_quantity")
            .addColumn("closing_quantity")
            .addColumn("opening_value")
            .addColumn("receipts_value")
            .addColumn("shipments_value")
            .addColumn("transfers_in_value")
            .addColumn("transfers_out_value")
            .addColumn("returns_value")
            .addColumn("adjustments_value")
            .addColumn("write_offs_value")
            .addColumn("closing_value")
            .addColumn("adjustments_by_reason")
            .build()
            .withHeader();

    private final QueryGateway queries;
    private final FinanceRows rows;
    private final CsvMapper csv = new CsvMapper();

    FinanceController(QueryGateway queries, FinanceRows rows) {
        this.queries = queries;
        this.rows = rows;
    }

    @GetMapping(path = "/periods/{period}/balances", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Period balances",
            description = "Per SKU and location: opening, receipts, shipments, transfers in and out, returns,"
                    + " adjustments (by reason code), write-offs and closing, in quantity and in value at moving"
                    + " average cost (outbound movements negative). Totals per location and for the whole ledger,"
                    + " and the movements booked into this period from closed periods, with both dates.")
    PeriodBalances balances(
            @Parameter(description = "ledger period, yyyy-MM") @PathVariable String period,
            @RequestParam(required = false) String sku,
            @RequestParam(required = false) String location) {
        GetPeriodBalances query = new GetPeriodBalances(
                period(period), optional("sku", sku, Sku::of), optional("location", location, LocationId::of));
        return QueryAnswers.await(queries.query(query, PeriodBalances.class));
    }

    @GetMapping(path = "/periods/{period}/balances.csv", produces = CSV)
    @Operation(
            summary = "Period balances as CSV",
            description = "The rows of the period balances, streamed from the database in (sku, location) order;"
                    + " adjustments_by_reason lists REASON=quantity:value pairs separated by '|'.")
    ResponseEntity<StreamingResponseBody> balancesCsv(
            @Parameter(description = "ledger period, yyyy-MM") @PathVariable String period,
            @RequestParam(required = false) String sku,
            @RequestParam(required = false) String location) {
        YearMonth month = period(period);
        String skuValue = optional("sku", sku, Sku::of) == null ? null : sku;
        String locationValue = optional("location", location, LocationId::of) == null ? null : location;
        StreamingResponseBody body = out -> {
            try (SequenceWriter writer = csv.writer(BALANCE_COLUMNS).writeValues(out)) {
                rows.balances(month, skuValue, locationValue, balance -> write(writer, balance));
            }
        };
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"balances-" + month + ".csv\"")
                .contentType(MediaType.parseMediaType(CSV))
                .body(body);
    }

    @GetMapping(path = "/roll-forward", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Roll-forward check",
            description = "Verifies every period balance row: opening = the position's previous closing, opening +"
                    + " movements = closing, adjustments = their reason codes' sum; in quantity and value. Lists every"
                    + " violation (up to 1000); there must be none.")
    RollForwardCheck rollForward() {
        return QueryAnswers.await(queries.query(new CheckRollForward(), RollForwardCheck.class));
    }

    static YearMonth period(String raw) {
        return required("period", raw, value -> {
            if (!value.matches("[0-9]{4}-[0-9]{2}")) {
                throw new IllegalArgumentException("must be a ledger period yyyy-MM, got '" + value + "'");
            }
            try {
                return YearMonth.parse(value);
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("must be a ledger period yyyy-MM, got '" + value + "'");
            }
        });
    }

    private static void write(SequenceWriter writer, PeriodBalance b) {
        try {
            writer.write(new Object[] {
                b.sku(),
                b.location(),
                b.period().toString(),
                b.quantity().opening(),
                b.quantity().receipts(),
                b.quantity().shipments(),
                b.quantity().transfersIn(),
                b.quantity().transfersOut(),
                b.quantity().returns(),
                b.quantity().adjustments(),
                b.quantity().writeOffs(),
                b.quantity().closing(),
                b.value().opening().toPlainString(),
                b.value().receipts().toPlainString(),
                b.value().shipments().toPlainString(),
                b.value().transfersIn().toPlainString(),
                b.value().transfersOut().toPlainString(),
                b.value().returns().toPlainString(),
                b.value().adjustments().toPlainString(),
                b.value().writeOffs().toPlainString(),
                b.value().closing().toPlainString(),
                b.adjustmentsByReason().stream()
                        .map(r -> r.reason() + "=" + r.quantity() + ":"
                                + r.value().toPlainString())
                        .collect(Collectors.joining("|"))
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
