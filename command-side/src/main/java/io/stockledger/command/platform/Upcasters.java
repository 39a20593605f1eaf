package io.stockledger.command.platform;

import io.stockledger.api.stock.StockDamagedUpcaster;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The event contract's upcasters: aggregates are sourced from old event revisions in their current shape. */
@Configuration(proxyBeanMethods = false)
class Upcasters {

    @Bean
    StockDamagedUpcaster stockDamagedUpcaster() {
        return new StockDamagedUpcaster();
    }
}
