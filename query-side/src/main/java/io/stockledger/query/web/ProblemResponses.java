package io.stockledger.query.web;

import io.stockledger.api.common.Refusal;
import io.stockledger.security.ProblemTypes;
import java.time.Instant;
import java.util.Arrays;
import org.axonframework.queryhandling.QueryExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place where errors become RFC 9457 problem details. Every problem has a stable {@code type},
 * {@code urn:stockledger:problem:<slug>}; a 400 also names the faulty {@code parameter}; every problem carries the
 * request's {@code correlationId}. Spring MVC's own exceptions (unknown path, wrong method, ...) get their type here
 * too, from their status.
 */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

    static final String TYPE_PREFIX = ProblemTypes.PREFIX;

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    @ExceptionHandler(InvalidRequest.class)
    ResponseEntity<Object> invalidRequest(InvalidRequest e, WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", e.getMessage());
        problem.setProperty("parameter", e.parameter());
        return respond(e, problem, request);
    }

    @ExceptionHandler(NotFound.class)
    ResponseEntity<Object> notFound(NotFound e, WebRequest request) {
        return respond(e, problem(HttpStatus.NOT_FOUND, e.problem(), e.getMessage()), request);
    }

    @ExceptionHandler(Conflict.class)
    ResponseEntity<Object> conflict(Conflict e, WebRequest request) {
        return respond(e, problem(HttpStatus.CONFLICT, e.problem(), e.getMessage()), request);
    }

    @ExceptionHandler(PositionNotReached.class)
    ResponseEntity<Object> positionNotReached(PositionNotReached e, WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.PRECONDITION_FAILED, "position-not-reached", e.getMessage());
        problem.setProperty("projection", e.projection());
        problem.setProperty("minEventPosition", e.minEventPosition());
        problem.setProperty("reached", e.reached());
        return respond(e, problem, request);
    }

    /** A query handler that refuses its input says why in a {@link Refusal}, also across Axon Server. */
    @ExceptionHandler(QueryExecutionException.class)
    ResponseEntity<Object> queryFailed(QueryExecutionException e, WebRequest request) {
        if (e.getDetails().orElse(null) instanceof Refusal refusal) {
            return respond(e, problem(HttpStatus.BAD_REQUEST, refusal.code(), refusal.detail()), request);
        }
        return unexpected(e, request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, WebRequest request) {
        log.error("Failed to answer {}", request.getDescription(false), e);
        return respond(
                e,
                problem(
                        HttpStatus.INTERNAL_SERVER_ERROR,
                        "internal-error",
                        "The query side failed to answer; the failure is logged under this correlation id."),
                request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException argument
                ? argument.getName()
                : String.valueOf(ex.getPropertyName());
        String detail = name + ": '" + ex.getValue() + "' is not " + expected(ex.getRequiredType());
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", detail);
        problem.setProperty("parameter", name);
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    /**
     * A query parameter bound into a parameter object (such as the audit filters) that does not convert: the same
     * problem as a mismatched single parameter, naming it.
     */
    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        FieldError field = ex.getBindingResult().getFieldError();
        if (field == null) {
            return super.handleMethodArgumentNotValid(ex, headers, status, request);
        }
        Class<?> type = ex.getBindingResult().getFieldType(field.getField());
        String detail = field.getField() + ": '" + field.getRejectedValue() + "' is not " + expected(type);
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", detail);
        problem.setProperty("parameter", field.getField());
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    /** Gives Spring MVC's problems (about:blank) the type of their status, and every problem its correlation id. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Object problemBody = body == null && ex instanceof ErrorResponse response ? response.getBody() : body;
        if (problemBody instanceof ProblemDetail problem) {
            if (problem.getType() == null
                    || "about:blank".equals(problem.getType().toString())) {
                String slug = ProblemTypes.slugFor(status.value());
                problem.setType(ProblemTypes.type(slug));
            }
            Object correlationId = request.getAttribute(CorrelationIdFilter.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
            if (correlationId != null) {
                problem.setProperty("correlationId", correlationId);
            }
        }
        return super.handleExceptionInternal(ex, problemBody, headers, status, request);
    }

    /**
     * A problem is written as {@code application/problem+json} whatever the request's {@code Accept} says: an
     * {@code Accept} the endpoint cannot answer (or cannot even be parsed) still gets its 406 explained.
     */
    @Override
    protected ResponseEntity<Object> createResponseEntity(
            Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (body instanceof ProblemDetail && headers.getContentType() == null) {
            HttpHeaders problemHeaders = new HttpHeaders();
            problemHeaders.putAll(headers);
            problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
            return super.createResponseEntity(body, problemHeaders, status, request);
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    private ResponseEntity<Object> respond(Exception e, ProblemDetail problem, WebRequest request) {
        return handleExceptionInternal(
                e, problem, new HttpHeaders(), HttpStatusCode.valueOf(problem.getStatus()), request);
    }

    private static ProblemDetail problem(HttpStatus status, String slug, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(ProblemTypes.type(slug));
        problem.setTitle(title(slug));
        return problem;
    }

    private static String title(String slug) {
        String words = slug.replace('-', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "acceptable";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Instant.class) {
            return "an ISO-8601 instant such as 2024-05-01T12:00:00Z";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        return "a valid " + type.getSimpleName();
    }
}
