package io.stockledger.command.platform;

import io.stockledger.api.common.Refusal;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Wraps every {@link LedgerRefusal} in a {@link CommandExecutionException} whose details are a {@link Refusal}.
 * Locally and over Axon Server alike, callers then see one shape for every refusal.
 */
@Component
class RefusalTranslation implements MessageHandlerInterceptor<CommandMessage<?>> {

    @Autowired
    void registerOn(CommandBus commandBus) {
        commandBus.registerHandlerInterceptor(this);
    }

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
