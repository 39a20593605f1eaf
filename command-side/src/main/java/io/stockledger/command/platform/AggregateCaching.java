package io.stockledger.command.platform;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.EhCache3Adapter;
import org.ehcache.CacheManager;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.core.Ehcache;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps loaded aggregates in memory between commands, so a busy position is not replayed from its event stream for
 * every command. The cache holds the {@code stockledger.aggregate-cache.entries} most recently used aggregates
 * (positions, reservations, channels) on the heap, by reference; beyond that the least recently used one is dropped
 * and read from the event store when next needed. Axon drops an aggregate from the cache when a unit of work that
 * changed it rolls back, so the cache never serves a state that was not committed.
 *
 * <p>It was Axon's {@code WeakReferenceCache}, whose entries every garbage collection may clear. On short runs that
 * hardly showed; in a long day it did: after about 70,000 order lines, replaying positions of a few hundred events
 * from the store was 37 % of the command side's CPU samples (JFR), and the day ran at half its early rate.
 */
@Configuration(proxyBeanMethods = false)
class AggregateCaching {

    @Bean(destroyMethod = "close")
    CacheManager aggregateCacheManager() {
        return CacheManagerBuilder.newCacheManagerBuilder().build(true);
    }

    /** The cache the aggregates name in {@code @Aggregate(cache = ...)}. */
    @Bean
    @SuppressWarnings("unchecked")
    Cache aggregateCache(
            CacheManager aggregateCacheManager, @Value("${stockledger.aggregate-cache.entries:20000}") long entries) {
        // Axon's adapter takes Ehcache's implementation class, which every heap-only cache is
        return new EhCache3Adapter((Ehcache<Object, Object>) aggregateCacheManager.createCache(
                "aggregates",
                CacheConfigurationBuilder.newCacheConfigurationBuilder(
                        Object.class, Object.class, ResourcePoolsBuilder.heap(entries))));
    }
}
