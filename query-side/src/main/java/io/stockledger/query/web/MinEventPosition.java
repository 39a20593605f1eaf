package io.stockledger.query.web;

import io.stockledger.query.eventlog.ProjectionPositions;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.QueryParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Read-your-writes on every read of the API. A command's 2xx answers {@code X-Event-Position}, the global position
 * of its last event; a read that sends it back as {@code X-Min-Event-Position} to an endpoint of a
 * {@link ReadsProjection} controller is answered only once that projection has applied the event, waiting up to
 * {@code maxWaitMillis} (0 to {@value #MAX_WAIT_MILLIS}; {@code stockledger.query.default-wait}, 5 s, without it).
 * Past that it is refused with 412 {@code position-not-reached}, which says how far the projection has got; never a
 * stale answer. Also describes the header, the parameter and the 412 on those operations in the OpenAPI description.
 */
@Component
class MinEventPosition implements HandlerInterceptor, OperationCustomizer {

    static final String HEADER = "X-Min-Event-Position";
    static final String MAX_WAIT = "maxWaitMillis";
    static final long MAX_WAIT_MILLIS = 10_000;

    private final ProjectionPositions positions;
    private final Duration defaultWait;

    MinEventPosition(
            ProjectionPositions positions,
            // stockledger.availability.default-wait is the setting's name from when only availability honoured it
            @Value("${stockledger.query.default-wait:${stockledger.availability.default-wait:5s}}")
                    Duration defaultWait) {
        this.positions = positions;
        this.defaultWait = defaultWait;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (request.getDispatcherType() != DispatcherType.REQUEST
                || !("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()))) {
            return true;
        }
        String projection = projection(handler);
        if (projection == null) {
            return true;
        }
        Long maxWaitMillis = RequestParams.optional(MAX_WAIT, request.getParameter(MAX_WAIT), MinEventPosition::wait);
        Long position = RequestParams.optional(HEADER, request.getHeader(HEADER), MinEventPosition::position);
        if (position == null) {
            return true;
        }
        Duration bound = maxWaitMillis == null ? defaultWait : Duration.ofMillis(maxWaitMillis);
        try {
            if (positions.await(projection, position, bound)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long reached = positions.reached(projection);
        if (reached >= position) {
            return true; // reached just after the bound: answered rather than refused with a contradiction
        }
        throw new PositionNotReached(projection, position, reached, bound);
    }

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        if (projection(handler) == null || !isGet(handler)) {
            return operation;
        }
        operation.addParametersItem(new HeaderParameter()
                .name(HEADER)
                .description("An event position (the X-Event-Position of a command's 2xx) the answer must reflect: it"
                        + " is answered once the " + projection(handler) + " projection has applied that event, or"
                        + " refused with 412 position-not-reached after maxWaitMillis.")
                .required(false)
                .schema(new IntegerSchema().format("int64").minimum(BigDecimal.ZERO)));
        operation.addParametersItem(new QueryParameter()
                .name(MAX_WAIT)
                .description("how long to wait for X-Min-Event-Position, 0 to " + MAX_WAIT_MILLIS
                        + " ms (default stockledger.query.default-wait, 5000)")
                .required(false)
                .schema(new IntegerSchema()
                        .format("int64")
                        .minimum(BigDecimal.ZERO)
                        .maximum(BigDecimal.valueOf(MAX_WAIT_MILLIS))));
        operation
                .getResponses()
                .addApiResponse(
                        "412",
                        new ApiResponse()
                                .description("position-not-reached: the projection had not applied the event at"
                                        + " X-Min-Event-Position within maxWaitMillis; the problem says how far it"
                                        + " has got (reached).")
                                .content(new Content()
                                        .addMediaType(
                                                "application/problem+json", new MediaType().schema(new Schema<>()))));
        return operation;
    }

    private static String projection(Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return null;
        }
        ReadsProjection reads = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), ReadsProjection.class);
        return reads == null ? null : reads.value();
    }

    private static boolean isGet(HandlerMethod handler) {
        RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
        return mapping != null && Arrays.asList(mapping.method()).contains(RequestMethod.GET);
    }

    private static long position(String raw) {
        long value = integer(HEADER, raw);
        if (value < 0) {
            throw new IllegalArgumentException(HEADER + " must not be negative, got " + value);
        }
        return value;
    }

    private static long wait(String raw) {
        long value = integer(MAX_WAIT, raw);
        if (value < 0 || value > MAX_WAIT_MILLIS) {
            throw new IllegalArgumentException(
                    MAX_WAIT + " must be between 0 and " + MAX_WAIT_MILLIS + ", got " + value);
        }
        return value;
    }

    private static long integer(String name, String raw) {
        try {
            return Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + raw + "' is not an integer");
        }
    }
}
