package io.stockledger.query.eventlog;

import io.stockledger.api.stock.StockDamagedUpcaster;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The event contract's upcasters: projections read old event revisions in their current shape. */
@Configuration(proxyBeanMethods = false)
class Upcasters {

    @Bean
    StockDamagedUpcaster stockDamagedUpcaster() {
        return new StockDamagedUpcaster();
    }
}
