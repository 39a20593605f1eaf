package io.stockledger.command.finance;

import io.stockledger.api.finance.ClosePeriod;
import io.stockledger.command.platform.web.ApiProblem;
import io.stockledger.command.platform.web.PrincipalResolver;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Closing ledger periods: {@code POST /api/v1/finance/periods/{period}/close}. */
@RestController
@RequestMapping(path = "/api/v1/finance/periods", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Finance", description = "Close ledger periods (calendar months in the ledger zone), in order.")
class PeriodController {

    private final CommandGateway commands;
    private final PrincipalResolver principals;
    private final ClosedPeriods closed;

    PeriodController(CommandGateway commands, PrincipalResolver principals, ClosedPeriods closed) {
        this.commands = commands;
        this.principals = principals;
        this.closed = closed;
    }

    /** What a close answers: the period, who closed it and when (recorded time). */
    record ClosedPeriod(YearMonth period, String closedBy, Instant closedAt) {}

    @PostMapping("/{period}/close")
    @Operation(
            summary = "Close a ledger period",
            description = "Records PeriodClosed (who, when). Afterwards a movement dated inside the period is refused"
                    + " with period-closed, unless sent with X-Book-Into-Open-Period: true. Only a period that has"
                    + " ended can be closed, and only the one after the last closed period; the first close closes"
                    + " every earlier period with it.")
    @ApiResponse(responseCode = "201", description = "Closed.")
    @ApiResponse(
            responseCode = "400",
            description = "invalid-request: not a period yyyy-MM.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "409",
            description = "period-not-ended, period-already-closed or period-close-out-of-order. Nothing is recorded.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                            schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<ClosedPeriod> close(@Parameter(description = "ledger period, yyyy-MM") @PathVariable String period) {
        YearMonth month = parse(period);
        commands.sendAndWait(ClosePeriod.of(month, principals.current()));
        return ResponseEntity.status(HttpStatus.CREATED).body(closed.find(month).orElseThrow());
    }

    private static YearMonth parse(String raw) {
        if (raw.matches("[0-9]{4}-[0-9]{2}")) {
            try {
                return YearMonth.parse(raw);
            } catch (DateTimeParseException e) {
                // answered below
            }
        }
        throw new InvalidPeriod(raw);
    }

    static final class InvalidPeriod extends ApiProblem {
        InvalidPeriod(String value) {
            super(
                    HttpStatus.BAD_REQUEST,
                    "invalid-request",
                    "Invalid request",
                    "period must be a ledger period yyyy-MM, got '" + value + "'",
                    Map.of("errors", List.of(Map.of("field", "period", "message", "must be yyyy-MM"))));
        }
    }
}
