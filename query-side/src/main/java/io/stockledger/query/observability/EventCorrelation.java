package io.stockledger.query.observability;

import io.stockledger.api.common.Origin;
import java.lang.reflect.RecordComponent;
import java.util.Optional;
import java.util.function.Function;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.MDC;

/**
 * Puts the correlation id of the event a projection is handling into the logging context as {@code correlationId},
 * the key the HTTP request that caused it was logged under on the command side: every line a projection logs
 * while handling the event carries it. The id is the event's own ({@code origin.correlationId}, or its header's),
 * recorded with the event, so a replay years later logs the same id. An event without one logs none.
 */
final class EventCorrelation implements MessageHandlerInterceptor<EventMessage<?>> {

    static final String KEY = "correlationId";

    private static final ClassValue<Function<Object, Optional<Origin>>> ORIGINS = new ClassValue<>() {
        @Override
        protected Function<Object, Optional<Origin>> computeValue(Class<?> type) {
            return originOf(type);
        }
    };

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        Object payload = unitOfWork.getMessage().getPayload();
        String previous = MDC.get(KEY);
        Optional<String> correlationId = correlationId(payload);
        correlationId.ifPresentOrElse(id -> MDC.put(KEY, id), () -> MDC.remove(KEY));
        try {
            return chain.proceed();
        } finally {
            if (previous == null) {
                MDC.remove(KEY);
            } else {
                MDC.put(KEY, previous);
            }
        }
    }

    static Optional<String> correlationId(Object payload) {
        if (payload == null) {
            return Optional.empty();
        }
        return ORIGINS.get(payload.getClass()).apply(payload).map(origin -> origin.correlationId()
                .value());
    }

    /** The origin of a record event: a component of type {@link Origin}, or one of a record component (a header). */
    private static Function<Object, Optional<Origin>> originOf(Class<?> type) {
        if (!type.isRecord()) {
            return payload -> Optional.empty();
        }
        for (RecordComponent component : type.getRecordComponents()) {
            if (component.getType() == Origin.class) {
                return payload -> Optional.ofNullable((Origin) read(component, payload));
            }
        }
        for (RecordComponent component : type.getRecordComponents()) {
            if (component.getType().isRecord()) {
                for (RecordComponent inner : component.getType().getRecordComponents()) {
                    if (inner.getType() == Origin.class) {
                        return payload -> Optional.ofNullable(read(component, payload))
                                .map(header -> (Origin) read(inner, header));
                    }
                }
            }
        }
        return payload -> Optional.empty();
    }

    private static Object read(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
