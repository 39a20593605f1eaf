package io.stockledger.command.platform.web;

import io.stockledger.command.platform.DurableLog;
import java.util.OptionalLong;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Read your writes: every 2xx answer to a command carries {@value #HEADER}, a global event position at or after the
 * last event the command recorded (for a command that recorded nothing, such as a repeated movement, the head of the
 * log when it was answered). The query side accepts it as {@code X-Min-Event-Position} and answers no older than that.
 *
 * <p>On the embedded store the position is the log's durable head ({@link DurableLog}), which a command's answer
 * always follows: no query, and never a position a reader cannot reach yet. On Axon Server it is the store's head.
 */
@ControllerAdvice
public class EventPositions implements ResponseBodyAdvice<Object> {

    public static final String HEADER = "X-Event-Position";

    private final ObjectProvider<DurableLog> durableLog;
    private final EventStore eventStore;

    EventPositions(ObjectProvider<DurableLog> durableLog, EventStore eventStore) {
        this.durableLog = durableLog;
        this.eventStore = eventStore;
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
        if (!"GET".equals(request.getMethod().name())
                && response instanceof ServletServerHttpResponse servlet
                && servlet.getServletResponse().getStatus() / 100 == 2) {
            position().ifPresent(position -> response.getHeaders().set(HEADER, Long.toString(position)));
        }
        return body;
    }

    private OptionalLong position() {
        DurableLog log = durableLog.getIfAvailable();
        if (log != null) {
            long head = log.head();
            return head < 0 ? OptionalLong.empty() : OptionalLong.of(head);
        }
        return eventStore.createHeadToken().position();
    }
}
