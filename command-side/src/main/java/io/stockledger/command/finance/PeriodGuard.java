package io.stockledger.command.finance;

import io.stockledger.api.finance.ClosePeriod;
import io.stockledger.api.finance.PeriodBooking;
import io.stockledger.api.reservation.FulfilReservation;
import io.stockledger.api.stock.MovementCommand;
import io.stockledger.api.stock.PutStockInTransit;
import java.time.YearMonth;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Keeps closed periods closed. A movement command dated inside a closed period is refused ({@code period-closed}),
 * or, when its message carries {@link PeriodBookingHeader#METADATA_KEY} = true, booked into the first open period:
 * its events then carry the {@link PeriodBooking} as metadata, and its business time stays as it is.
 *
 * <p>Each movement holds {@link ClosedPeriods}' read lock from this check until its unit of work has ended, a close
 * holds the write lock: the check and the commit of a movement cannot straddle a close. A fulfilment takes the read
 * lock too (it ships at the recorded time, which a close of a just-ended period must not overtake). The destination's
 * side of a transfer (in transit) leaves on hand as it is and is never refused: the transfer out was checked.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class PeriodGuard implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final ClosedPeriods closed;
    private final LedgerPeriods periods;

    PeriodGuard(ClosedPeriods closed, LedgerPeriods periods) {
        this.closed = closed;
        this.periods = periods;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        Object payload = unitOfWork.getMessage().getPayload();
        if (payload instanceof ClosePeriod) {
            hold(unitOfWork, closed.lock().writeLock());
        } else if (payload instanceof FulfilReservation) {
            hold(unitOfWork, closed.lock().readLock());
        } else if (payload instanceof MovementCommand command && !(payload instanceof PutStockInTransit)) {
            hold(unitOfWork, closed.lock().readLock());
            Optional<YearMonth> closedThrough = closed.closedThrough();
            YearMonth period = periods.periodOf(command.header().occurredAt());
            if (closedThrough.isPresent() && !period.isAfter(closedThrough.get())) {
                if (!"true".equals(unitOfWork.getMessage().getMetaData().get(PeriodBookingHeader.METADATA_KEY))) {
                    throw new FinanceRefusal.MovementInClosedPeriod(
                            command.header().occurredAt(), period, closedThrough.get());
                }
                YearMonth open = closedThrough.get().plusMonths(1);
                PeriodBooking booking = new PeriodBooking(open, periods.start(open));
                unitOfWork.registerCorrelationDataProvider(message -> booking.asMetaData());
            }
        }
        return chain.proceed();
    }

    /** Takes the lock now and gives it back when the unit of work has committed or rolled back. */
    private static void hold(UnitOfWork<?> unitOfWork, Lock lock) {
        lock.lock();
        unitOfWork.onCleanup(ended -> lock.unlock());
    }
}
