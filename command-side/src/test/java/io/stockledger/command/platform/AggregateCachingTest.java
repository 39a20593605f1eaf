package io.stockledger.command.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.axonframework.common.caching.Cache;
import org.ehcache.CacheManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The aggregate cache keeps what it holds until it is full: a garbage collection does not empty it (Axon's
 * {@code WeakReferenceCache}, which it replaced, is cleared by one, and a long day then replayed its positions from
 * the store), and it never holds more than its bound.
 */
class AggregateCachingTest {

    private final AggregateCaching caching = new AggregateCaching();
    private final CacheManager manager = caching.aggregateCacheManager();

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void anAggregateOnlyTheCacheHoldsSurvivesAGarbageCollection() {
        Cache cache = caching.aggregateCache(manager, 100);
        cache.put("WIDGET@DC1", new Object());

        System.gc();

        assertThat(cache.containsKey("WIDGET@DC1")).isTrue();
    }

    @Test
    void itHoldsAtMostItsBoundOfAggregates() {
        Cache cache = caching.aggregateCache(manager, 10);
        IntStream.range(0, 100).forEach(i -> cache.put("position-" + i, new Object()));

        long held = IntStream.range(0, 100)
                .filter(i -> cache.containsKey("position-" + i))
                .count();

        assertThat(held).isPositive().isLessThanOrEqualTo(10);
    }
}
