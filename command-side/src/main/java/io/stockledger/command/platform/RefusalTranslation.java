package io.stockledger.command.platform;

import io.stockledger.api.common.Refusal;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Wraps every {@link LedgerRefusal} in a {@link CommandExecutionException} whose details are a {@link Refusal}.
 * Locally and over Axon Server alike, callers then see one shape for every refusal.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1) // around the interceptors that refuse (PeriodGuard) and the handlers
class RefusalTranslation implements MessageHandlerInterceptor<CommandMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        try {
            return chain.proceed();
        } catch (LedgerRefusal refusal) {
            throw new CommandExecutionException(
                    refusal.getMessage(), null, new Refusal(refusal.code(), refusal.getMessage()));
        }
    }
}
