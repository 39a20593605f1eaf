package io.stockledger.query.eventlog;

import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Gives every query-side instance its share of the projections' segments. A tracking processor claims as many free
 * segments as it has threads, so the instance that starts first owns them all and a second one would stay idle.
 * Axon Server SE does not balance by itself, but it moves segments on request ("threadNumber" strategy: from the
 * instance with the most segments to one with fewer segments than threads, by release and claim). Every instance
 * asks for that when it is ready and then at a fixed interval, which also re-spreads the segments once an instance
 * that died (whose segments a survivor took over after the claim timeout) is replaced. A balanced processor is left
 * alone. Axon Server mode only.
 */
@Component
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "true")
class SegmentBalancing {

    static final String STRATEGY = "threadNumber";

    private static final Logger log = LoggerFactory.getLogger(SegmentBalancing.class);

    private final AxonServerConnectionManager axonServer;
    private final EventProcessingConfiguration processing;
    private final TokenStore tokenStore;
    private final Duration interval;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "segment-balancing");
        thread.setDaemon(true);
        return thread;
    });

    SegmentBalancing(
            AxonServerConnectionManager axonServer,
            EventProcessingConfiguration processing,
            TokenStore tokenStore,
            @Value("${stockledger.projections.balance-interval:30s}") Duration interval) {
        this.axonServer = axonServer;
        this.processing = processing;
        this.tokenStore = tokenStore;
        this.interval = interval;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        scheduler.scheduleWithFixedDelay(
                this::balance, interval.toMillis() / 3, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void balance() {
        try {
            String storage = tokenStore.retrieveStorageIdentifier().orElse("");
            processing.eventProcessors().values().stream()
                    .filter(TrackingEventProcessor.class::isInstance)
                    .map(EventProcessor::getName)
                    .forEach(name -> axonServer
                            .getConnection()
                            .adminChannel()
                            .loadBalanceEventProcessor(name, storage, STRATEGY)
                            .exceptionally(failure -> {
                                log.debug(
                                        "Axon Server did not balance the segments of {}: {}", name, failure.toString());
                                return null;
                            }));
        } catch (RuntimeException failure) {
            // Axon Server unreachable for the moment: the next round asks again.
            log.debug("cannot ask Axon Server to balance the projections' segments: {}", failure.toString());
        }
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }
}
