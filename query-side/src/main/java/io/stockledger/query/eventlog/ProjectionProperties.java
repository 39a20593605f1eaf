package io.stockledger.query.eventlog;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the projections' processors read the log.
 *
 * @param batchSize events handled, and committed with their tracking token, per transaction
 */
@ConfigurationProperties("stockledger.projections")
record ProjectionProperties(@DefaultValue("100") int batchSize) {}
