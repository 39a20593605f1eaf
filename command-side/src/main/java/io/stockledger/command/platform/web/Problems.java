package io.stockledger.command.platform.web;

import static java.util.stream.Collectors.joining;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.stockledger.api.common.Refusal;
import io.stockledger.command.platform.CommandFailures;
import io.stockledger.command.platform.LedgerRefusal;
import io.stockledger.security.ProblemTypes;
import jakarta.validation.ConstraintViolationException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error answer of the command side, as an RFC 9457 problem detail with a stable {@code type} of the form
 * {@code urn:stockledger:problem:<slug>}, a {@code title}, a {@code detail} naming the fault, the request path as
 * {@code instance}, and {@code errors} ({@code [{field, message}]}) where single values are at fault.
 *
 * <ul>
 *   <li>400 {@code malformed-request}: the body is not JSON, or a property is unknown or of the wrong type;
 *   <li>400 {@code invalid-request}: well-formed, but a value is missing, out of range or not allowed;
 *   <li>409 with the refusal's code as slug ({@code insufficient-available-stock}, {@code negative-on-hand}, ...):
 *       a ledger rule refused the command. Every refusal is a conflict with the current state of the position,
 *       never a fault of the request's form, so they are all 409;
 *   <li>the HTTP statuses Spring MVC answers itself (404 {@code not-found}, 405 {@code method-not-allowed}, 406
 *       {@code not-acceptable}, 415 {@code unsupported-media-type}, ...) and features' own {@link ApiProblem}s;
 *   <li>409 {@code concurrency-conflict}: the command kept losing the race for its aggregate's stream, or giving way
 *       in a deadlock on aggregates' locks, to concurrent commands after every retry; nothing was recorded and the
 *       same request can be sent again;
 *   <li>503 {@code ledger-unavailable} with {@code Retry-After}: Axon Server cannot be reached, did not answer in time
 *       or has no command-side instance for the command; nothing was recorded by this request;
 *   <li>500 {@code internal-error} for anything unexpected: logged with its exception, answered without it.
 * </ul>
 */
@RestControllerAdvice
class Problems extends ResponseEntityExceptionHandler {

    static final String TYPE_PREFIX = ProblemTypes.PREFIX;
    static final String INVALID_REQUEST = ProblemTypes.INVALID_REQUEST;
    static final String INVALID_REQUEST_TITLE = "Invalid request";
    static final String MALFORMED_REQUEST = "malformed-request";
    static final String MALFORMED_REQUEST_TITLE = "Malformed request";
    static final String INTERNAL_ERROR = ProblemTypes.INTERNAL_ERROR;
    static final String CONCURRENCY_CONFLICT = "concurrency-conflict";
    static final String LEDGER_UNAVAILABLE = "ledger-unavailable";
    static final String RETRY_AFTER_SECONDS = "1";

    private static final Logger log = LoggerFactory.getLogger(Problems.class);
    private static final URI ABOUT_BLANK = URI.create("about:blank");
    private static final Pattern JACKSON_SOURCE = Pattern.compile("\\[Source: [^;\\]]*; ");

    /** One value at fault: where it is (a JSON property path, a parameter or a header) and what is wrong with it. */
    record InvalidField(String field, String message) {}

    /**
     * The problem the single endpoint would answer for {@code failure}, built by the handlers below without
     * throwing: what a bulk request answers for each item it refuses. A JSON failure is a malformed request.
     */
    ProblemDetail problemOf(Exception failure, WebRequest request) {
        ResponseEntity<Object> answer;
        if (failure instanceof ApiProblem apiProblem) {
            answer = handleApiProblem(apiProblem, request);
        } else if (failure instanceof CommandExecutionException execution) {
            answer = handleCommandExecution(execution, request);
        } else if (failure instanceof LedgerRefusal refusal) {
            answer = handleRefusal(refusal, request);
        } else if (failure instanceof DuplicateKeyException duplicate) {
            answer = handleDuplicateKey(duplicate, request);
        } else if (failure instanceof ConstraintViolationException violation) {
            answer = handleConstraintViolation(violation, request);
        } else if (failure instanceof IllegalArgumentException illegal) {
            answer = handleIllegalArgument(illegal, request);
        } else if (failure instanceof JsonProcessingException json) {
            answer = answer(failure, malformed(json), request);
        } else {
            answer = handleUnexpected(failure, request);
        }
        return (ProblemDetail) answer.getBody();
    }

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<Object> handleApiProblem(ApiProblem failure, WebRequest request) {
        ProblemDetail problem = problem(failure.status(), failure.slug(), failure.title(), failure.getMessage());
        failure.properties().forEach(problem::setProperty);
        return answer(failure, problem, request);
    }

    /**
     * Refusals reach the caller of {@code sendAndWait} as this exception, with a {@link Refusal} as details: 404
     * when the refusal is that something does not exist ({@code *-not-found}), 409 for every broken ledger rule.
     */
    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<Object> handleCommandExecution(CommandExecutionException failure, WebRequest request) {
        Optional<Refusal> refusal =
                failure.getDetails().filter(Refusal.class::isInstance).map(Refusal.class::cast);
        if (refusal.isEmpty()) {
            return handleUnexpected(failure, request);
        }
        return refused(failure, refusal.get().code(), refusal.get().detail(), request);
    }

    /** A refusal raised outside the command bus (a read of an aggregate): answered like one raised inside it. */
    @ExceptionHandler(LedgerRefusal.class)
    ResponseEntity<Object> handleRefusal(LedgerRefusal failure, WebRequest request) {
        return refused(failure, failure.code(), failure.getMessage(), request);
    }

    private ResponseEntity<Object> refused(Exception failure, String code, String detail, WebRequest request) {
        String title = Character.toUpperCase(code.charAt(0)) + code.substring(1).replace('-', ' ');
        HttpStatus status = code.endsWith("-not-found") ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT;
        return answer(failure, problem(status, code, title, detail), request);
    }

    /**
     * A unique key of the ledger refused a write: a client-supplied movement id that is already taken (the
     * movement registry's primary key). Nothing was written.
     */
    @ExceptionHandler(DuplicateKeyException.class)
    ResponseEntity<Object> handleDuplicateKey(DuplicateKeyException failure, WebRequest request) {
        ProblemDetail problem = problem(
                HttpStatus.CONFLICT,
                "movement-id-conflict",
                "Movement id already used",
                "the movement id is already recorded for another movement");
        return answer(failure, problem, request);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException failure, WebRequest request) {
        List<InvalidField> errors = failure.getConstraintViolations().stream()
                .map(violation -> new InvalidField(violation.getPropertyPath().toString(), violation.getMessage()))
                .toList();
        return answer(failure, invalid(errors), request);
    }

    /** Value types and commands refuse invalid values with this exception; bean validation catches most before. */
    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Object> handleIllegalArgument(IllegalArgumentException failure, WebRequest request) {
        ProblemDetail problem =
                problem(HttpStatus.BAD_REQUEST, INVALID_REQUEST, INVALID_REQUEST_TITLE, failure.getMessage());
        return answer(failure, problem, request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleUnexpected(Exception failure, WebRequest request) {
        if (CommandFailures.isConcurrencyConflict(failure)) {
            log.warn(
                    "Concurrency conflict after every retry answering {}: {}",
                    request.getDescription(false),
                    failure.toString());
            return answer(
                    failure,
                    problem(
                            HttpStatus.CONFLICT,
                            CONCURRENCY_CONFLICT,
                            "Concurrency conflict",
                            "concurrent commands kept changing the same stock position or reservation; nothing was"
                                    + " recorded; send the same request again"),
                    request);
        }
        if (CommandFailures.isUnavailable(failure)) {
            log.warn("Ledger unavailable answering {}: {}", request.getDescription(false), failure.toString());
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
            ProblemDetail problem = problem(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    LEDGER_UNAVAILABLE,
                    "Ledger unavailable",
                    "the event store or the command routing (Axon Server) is unavailable for the moment; try again"
                            + " later");
            return handleExceptionInternal(failure, problem, headers, HttpStatus.SERVICE_UNAVAILABLE, request);
        }
        ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.INTERNAL_SERVER_ERROR);
        return answer(failure, problem, request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException failure, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<InvalidField> errors = failure.getBindingResult().getAllErrors().stream()
                .map(error -> new InvalidField(
                        error instanceof FieldError field ? field.getField() : error.getObjectName(),
                        error.getDefaultMessage()))
                .toList();
        return handleExceptionInternal(failure, invalid(errors), headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException failure, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (!status.is4xxClientError()) {
            return super.handleHandlerMethodValidationException(failure, headers, status, request);
        }
        List<InvalidField> errors = new ArrayList<>();
        for (ParameterValidationResult result : failure.getParameterValidationResults()) {
            if (result instanceof ParameterErrors bound) {
                bound.getFieldErrors()
                        .forEach(error -> errors.add(new InvalidField(error.getField(), error.getDefaultMessage())));
            } else {
                String parameter = result.getMethodParameter().getParameterName();
                result.getResolvableErrors()
                        .forEach(error -> errors.add(new InvalidField(parameter, error.getDefaultMessage())));
            }
        }
        return handleExceptionInternal(failure, invalid(errors), headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException failure, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return handleExceptionInternal(failure, malformed(failure.getCause()), headers, status, request);
    }

    /**
     * Where every answer passes: Spring MVC's own problems get our type for their status, every problem gets its
     * instance, and a 5xx is logged with its exception and answered with nothing of it.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception failure, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (status.is5xxServerError()
                && !(body instanceof ProblemDetail answered
                        && type(LEDGER_UNAVAILABLE).equals(answered.getType()))) {
            Object correlationId = request.getAttribute(CorrelationIds.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
            log.error("Unexpected failure answering {}", request.getDescription(false), failure);
            ProblemDetail problem = problem(
                    status,
                    slugFor(status),
                    null,
                    "the request failed on the server; the failure is logged under correlation id " + correlationId);
            return super.handleExceptionInternal(failure, problem, headers, status, request);
        }
        return super.handleExceptionInternal(failure, body, headers, status, request);
    }

    /**
     * Every problem gets the type of its status and its instance, and is written as {@code application/problem+json}
     * whatever the request's {@code Accept} says: an {@code Accept} the endpoint cannot answer (or cannot even be
     * parsed) still gets its 406 explained.
     */
    @Override
    protected ResponseEntity<Object> createResponseEntity(
            Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            if (problem.getType() == null || ABOUT_BLANK.equals(problem.getType())) {
                problem.setType(type(slugFor(status)));
            }
            if (problem.getInstance() == null && request instanceof ServletWebRequest servlet) {
                instanceOf(servlet).ifPresent(problem::setInstance);
            }
            if (headers.getContentType() == null) {
                HttpHeaders problemHeaders = new HttpHeaders();
                problemHeaders.putAll(headers);
                problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
                return super.createResponseEntity(body, problemHeaders, status, request);
            }
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    private ResponseEntity<Object> answer(Exception failure, ProblemDetail problem, WebRequest request) {
        return handleExceptionInternal(
                failure, problem, new HttpHeaders(), HttpStatusCode.valueOf(problem.getStatus()), request);
    }

    private static ProblemDetail invalid(List<InvalidField> errors) {
        List<InvalidField> sorted = errors.stream()
                .sorted(Comparator.comparing(InvalidField::field, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(InvalidField::message, Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
        String detail = sorted.stream()
                .map(error -> error.field() + " " + error.message())
                .collect(joining("; ", "the request is invalid: ", ""));
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, INVALID_REQUEST, INVALID_REQUEST_TITLE, detail);
        problem.setProperty("errors", sorted);
        return problem;
    }

    /** Names what Jackson could not read, in the request's terms (JSON paths and types, never Java's). */
    private static ProblemDetail malformed(Throwable cause) {
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return malformed(
                    "unknown property '" + unknown.getPropertyName() + "'",
                    new InvalidField(path(unknown), "is not a property of this request"));
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = path(mapping);
            String message = mapping instanceof MismatchedInputException mismatch
                    ? "must be " + expected(mismatch.getTargetType())
                    : mapping.getCause() instanceof InputCoercionException ? "is out of range" : "cannot be read";
            return malformed(field + " " + message, new InvalidField(field, message));
        }
        if (cause instanceof StreamConstraintsException) {
            return malformed("the body exceeds a limit of the JSON reader: "
                    + ((JsonProcessingException) cause).getOriginalMessage());
        }
        if (cause instanceof JsonParseException syntax) {
            return malformed("the body is not valid JSON: "
                    + JACKSON_SOURCE.matcher(syntax.getOriginalMessage()).replaceAll("")
                    + Optional.ofNullable(syntax.getLocation())
                            .map(at -> " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
                            .orElse(""));
        }
        if (cause instanceof JsonMappingException) {
            return malformed("the body must be a single JSON object");
        }
        return malformed("the request needs a JSON object as its body");
    }

    private static ProblemDetail malformed(String detail, InvalidField... errors) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, MALFORMED_REQUEST, MALFORMED_REQUEST_TITLE, detail);
        if (errors.length > 0) {
            problem.setProperty("errors", List.of(errors));
        }
        return problem;
    }

    private static String path(JsonMappingException failure) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : failure.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        } else if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
            return "a whole number";
        } else if (type == BigDecimal.class) {
            return "a decimal number";
        } else if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        } else if (type == Instant.class) {
            return "an ISO-8601 instant, such as 2026-11-20T09:00:00Z";
        } else if (type == String.class) {
            return "a string";
        } else if (type.isRecord()) {
            return "a JSON object";
        }
        return "of another type";
    }

    private static ProblemDetail problem(HttpStatusCode status, String slug, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type(slug));
        if (title != null) {
            problem.setTitle(title);
        }
        return problem;
    }

    private static URI type(String slug) {
        return ProblemTypes.type(slug);
    }

    private static String slugFor(HttpStatusCode status) {
        return ProblemTypes.slugFor(status.value());
    }

    private static Optional<URI> instanceOf(ServletWebRequest request) {
        try {
            return Optional.of(URI.create(request.getRequest().getRequestURI()));
        } catch (IllegalArgumentException notAUri) {
            return Optional.empty();
        }
    }
}
