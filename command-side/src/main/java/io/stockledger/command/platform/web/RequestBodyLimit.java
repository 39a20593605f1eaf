package io.stockledger.command.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Refuses request bodies above {@code stockledger.api.max-body-size} (64 KiB by default) with a 413 problem: at
 * once when the declared length is larger, and while reading when a body without a length (chunked) grows past
 * it. Nothing larger is ever buffered. Bulk requests (paths ending in {@code /bulk}, up to {@value
 * BulkItems#MAX_ITEMS} items) have a limit of their own, {@code stockledger.api.max-bulk-body-size} (2 MiB by
 * default).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class RequestBodyLimit extends OncePerRequestFilter {

    private final long singleLimit;
    private final long bulkLimit;
    private final HandlerExceptionResolver problems;

    RequestBodyLimit(
            @Value("${stockledger.api.max-body-size:64KB}") DataSize singleLimit,
            @Value("${stockledger.api.max-bulk-body-size:2MB}") DataSize bulkLimit,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        this.singleLimit = singleLimit.toBytes();
        this.bulkLimit = bulkLimit.toBytes();
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = request.getRequestURI().endsWith("/bulk") ? bulkLimit : singleLimit;
        if (request.getContentLengthLong() > limit) {
            if (problems.resolveException(request, response, null, new PayloadTooLarge(limit)) == null) {
                response.sendError(HttpStatus.PAYLOAD_TOO_LARGE.value());
            }
            return;
        }
        chain.doFilter(new LimitedRequest(request, limit), response);
    }

    static final class PayloadTooLarge extends ApiProblem {

        PayloadTooLarge(long limit) {
            super(
                    HttpStatus.PAYLOAD_TOO_LARGE,
                    "payload-too-large",
                    "Request body too large",
                    "the request body exceeds " + limit + " bytes",
                    Map.of("maxBytes", limit));
        }
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long limit;
        private LimitedStream stream;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedStream(super.getInputStream(), limit);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    private static final class LimitedStream extends ServletInputStream {

        private final ServletInputStream delegate;
        private final long limit;
        private long read;

        LimitedStream(ServletInputStream delegate, long limit) {
            this.delegate = delegate;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > limit) {
                throw new PayloadTooLarge(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
