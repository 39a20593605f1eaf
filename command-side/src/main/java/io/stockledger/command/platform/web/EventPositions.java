package io.stockledger.command.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Read your writes: every 2xx answer to a command carries {@value #HEADER}, the global event position of the last
 * event the command recorded (or, for a command that recorded nothing, such as a repeated movement, the head of
 * the event log when it was answered). The query side accepts it as {@code X-Min-Event-Position} and answers no
 * older than that.
 *
 * <p>The events a request's commands publish are noted by an event-bus dispatch interceptor on the request's own
 * thread (commands run on the caller's thread); their global indexes are read back from the event store once the
 * command has committed, just before the answer is written.
 */
@ControllerAdvice
public class EventPositions extends OncePerRequestFilter implements ResponseBodyAdvice<Object> {

    public static final String HEADER = "X-Event-Position";

    private static final ThreadLocal<Set<String>> PUBLISHED = new ThreadLocal<>();

    private final JdbcClient jdbc;
    private final EventStore eventStore;

    EventPositions(JdbcClient jdbc, EventStore eventStore, EventBus eventBus) {
        this.jdbc = jdbc;
        this.eventStore = eventStore;
        eventBus.registerDispatchInterceptor(messages -> {
            Set<String> published = PUBLISHED.get();
            if (published != null) {
                messages.forEach(message -> published.add(message.getIdentifier()));
            }
            return (index, message) -> message;
        });
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        PUBLISHED.set(new HashSet<>());
        try {
            chain.doFilter(request, response);
        } finally {
            PUBLISHED.remove();
        }
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
        Set<String> published = PUBLISHED.get();
        if (published != null
                && !"GET".equals(request.getMethod().name())
                && response instanceof ServletServerHttpResponse servlet
                && servlet.getServletResponse().getStatus() / 100 == 2) {
            position(published).ifPresent(position -> response.getHeaders().set(HEADER, Long.toString(position)));
        }
        return body;
    }

    private OptionalLong position(Set<String> published) {
        if (!published.isEmpty()) {
            List<Long> found = jdbc.sql("SELECT MAX(globalIndex) FROM DomainEventEntry WHERE eventIdentifier IN (:ids)")
                    .param("ids", published)
                    .query(Long.class)
                    .list();
            if (!found.isEmpty() && found.get(0) != null) {
                return OptionalLong.of(found.get(0));
            }
        }
        return eventStore.createHeadToken().position();
    }
}
