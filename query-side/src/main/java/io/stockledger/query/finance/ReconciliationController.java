package io.stockledger.query.finance;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.stockledger.query.finance.Reconciliation.Line;
import io.stockledger.query.finance.Reconciliation.Report;
import io.stockledger.query.finance.Reconciliation.Run;
import io.stockledger.query.web.InvalidRequest;
import io.stockledger.query.web.NotFound;
import io.stockledger.query.web.ReadsProjection;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * ERP reconciliation: finance uploads the ERP's period-end balances and gets a reconciliation run, which is kept and
 * can be listed, read again and exported as CSV.
 */
@RestController
@ReadsProjection(FinanceProjection.PROCESSING_GROUP)
@RequestMapping("/api/v1/finance/reconciliations")
@Tag(name = "Finance", description = "Period balances in quantity and value, period closes, the roll-forward check")
class ReconciliationController {

    /** The largest ERP file accepted (about 200,000 lines). */
    static final int MAX_UPLOAD_BYTES = 16 * 1024 * 1024;

    private static final CsvSchema LINE_COLUMNS = CsvSchema.builder()
            .addColumn("line")
            .addColumn("sku")
            .addColumn("location")
            .addColumn("period")
            .addColumn("status")
            .addColumn("erp_quantity")
            .addColumn("ledger_quantity")
            .addColumn("quantity_difference")
            .addColumn("erp_value")
            .addColumn("ledger_value")
            .addColumn("value_difference")
            .build()
            .withHeader();

    private final Reconciler reconciler;
    private final ReconciliationRows runs;
    private final CsvMapper csv = new CsvMapper();

    ReconciliationController(Reconciler reconciler, ReconciliationRows runs) {
        this.reconciler = reconciler;
        this.runs = runs;
    }

    /** The runs, latest first. */
    record RunList(List<Run> items) {}

    @PostMapping(
            consumes = {"text/csv", MediaType.APPLICATION_JSON_VALUE},
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Reconcile the ERP's period-end balances",
            description = "The body is CSV (header sku,location,period,quantity,value; value may be empty) or a JSON"
                    + " array of {sku, location, period, quantity, value?}. Each line is compared with the ledger's"
                    + " closing balance of that position and period: MATCHED, DIFFERING (differences are ledger −"
                    + " ERP), MISSING_IN_LEDGER; ledger balances of those periods the ERP does not list are"
                    + " MISSING_IN_ERP. The run is kept with who (the authenticated caller), when and the SHA-256 of the"
                    + " body.")
    ResponseEntity<Report> reconcile(
            @RequestHeader(HttpHeaders.CONTENT_TYPE) String contentType, @RequestBody byte[] body, Principal uploader) {
        if (body.length > MAX_UPLOAD_BYTES) {
            throw new ResponseStatusException(
                    HttpStatus.PAYLOAD_TOO_LARGE, "an ERP file may have at most " + MAX_UPLOAD_BYTES + " bytes");
        }
        boolean json = MediaType.parseMediaType(contentType).isCompatibleWith(MediaType.APPLICATION_JSON);
        List<ErpBalances.Line> lines = json ? ErpBalances.fromJson(body) : ErpBalances.fromCsv(body);
        Report report = reconciler.reconcile(body, json ? "JSON" : "CSV", lines, uploader.getName());
        return ResponseEntity.created(URI.create(
                        "/api/v1/finance/reconciliations/" + report.run().runId()))
                .body(report);
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "List reconciliation runs", description = "Every run with its totals, the latest first.")
    RunList list() {
        return new RunList(runs.runs());
    }

    @GetMapping(path = "/{runId}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Get a reconciliation run with every line")
    Report get(@PathVariable String runId) {
        Run run = find(runId);
        List<Line> lines = new ArrayList<>();
        runs.lines(run.runId(), lines::add);
        return new Report(run, lines);
    }

    @GetMapping(path = "/{runId}/lines.csv", produces = FinanceController.CSV)
    @Operation(summary = "Export a reconciliation run's lines as CSV", description = "Streamed, in line order.")
    ResponseEntity<StreamingResponseBody> export(@PathVariable String runId) {
        Run run = find(runId);
        StreamingResponseBody body = out -> {
            try (SequenceWriter writer = csv.writer(LINE_COLUMNS).writeValues(out)) {
                runs.lines(run.runId(), line -> write(writer, line));
            }
        };
        return ResponseEntity.ok()
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"reconciliation-" + run.runId() + ".csv\"")
                .contentType(MediaType.parseMediaType(FinanceController.CSV))
                .body(body);
    }

    private Run find(String runId) {
        try {
            UUID.fromString(runId);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest("runId", "runId must be a run id (a UUID), got '" + runId + "'");
        }
        return runs.run(runId)
                .orElseThrow(
                        () -> new NotFound("reconciliation-not-found", "No reconciliation run has the id " + runId));
    }

    private static void write(SequenceWriter writer, Line line) {
        try {
            writer.write(new Object[] {
                line.line(),
                line.sku(),
                line.location(),
                line.period().toString(),
                line.status().name(),
                line.erpQuantity(),
                line.ledgerQuantity(),
                line.quantityDifference(),
                plain(line.erpValue()),
                plain(line.ledgerValue()),
                plain(line.valueDifference())
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String plain(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }
}
