package io.stockledger.query.eventlog;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the command side writes the event log, and how often to look for new events in it.
 *
 * @param url JDBC URL of the events database; read-only for us, its schema belongs to the command side
 * @param fetchDelay how long to wait before polling again when the last poll found nothing new
 */
@ConfigurationProperties("stockledger.events")
record EventLogProperties(
        String url,
        @DefaultValue("sa") String username,
        @DefaultValue("") String password,
        @DefaultValue("20ms") Duration fetchDelay) {}
