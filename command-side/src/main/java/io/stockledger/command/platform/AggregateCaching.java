package io.stockledger.command.platform;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps loaded aggregates in memory between commands, so a busy position is not replayed from its whole event
 * stream for every command. Entries are held weakly (the JVM reclaims them under memory pressure) and Axon drops an
 * aggregate from the cache when a unit of work that changed it rolls back, so the cache never serves a state that
 * was not committed.
 */
@Configuration(proxyBeanMethods = false)
class AggregateCaching {

    /** The cache the aggregates name in {@code @Aggregate(cache = ...)}. */
    @Bean
    Cache aggregateCache() {
        return new WeakReferenceCache();
    }
}
