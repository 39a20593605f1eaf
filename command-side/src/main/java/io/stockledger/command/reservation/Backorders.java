package io.stockledger.command.reservation;

import io.stockledger.command.stock.PositionReservations;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Backorders are allowed only where a channel's policy says so. Until channel policies exist, no channel may
 * reserve beyond available stock; a policy component replaces this default.
 */
@Configuration(proxyBeanMethods = false)
class Backorders {

    @Bean
    @ConditionalOnMissingBean
    PositionReservations.Allowance noBackorders() {
        return PositionReservations.Allowance.NONE;
    }
}
