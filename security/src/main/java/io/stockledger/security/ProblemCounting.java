package io.stockledger.security;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Counts every {@link ProblemDetail} a side's controllers and exception handlers answer (refusals, invalid input,
 * not found), in {@link ProblemMeter}. The problems of the security filters (401, 403, 429, 400 of the firewall)
 * are counted where they are written, in {@link ProblemAnswers}.
 */
@ControllerAdvice
final class ProblemCounting implements ResponseBodyAdvice<Object> {

    private final ProblemMeter meter;

    ProblemCounting(ProblemMeter meter) {
        this.meter = meter;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(
            Object body,
            MethodParameter returnType,
            MediaType contentType,
            Class<? extends HttpMessageConverter<?>> converterType,
            ServerHttpRequest request,
            ServerHttpResponse response) {
        if (body instanceof ProblemDetail problem) {
            meter.count(problem.getType(), problem.getStatus());
        }
        return body;
    }
}
