package io.stockledger.query.audit;

import io.stockledger.api.finance.PeriodClosed;
import io.stockledger.query.audit.ChainLinks.Link;
import io.stockledger.query.eventlog.EventLog;
import io.stockledger.query.eventlog.RecordedEventLog;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

/**
 * Links every recorded event into the hash chain, in the order the log delivers them to this processor (one
 * segment: one order). Each link covers the event's canonical content ({@link ChainContent}) and the link before it,
 * so changing, removing or inserting any stored event breaks the chain at that event. Idempotent: an event already
 * linked is skipped; the link and the processor's token commit together.
 */
@Component
@ProcessingGroup(AuditChain.PROCESSING_GROUP)
class AuditChain {

    /** The chain's processor reads the log as recorded: upcasters change how old events read, not what was linked. */
    @Configuration(proxyBeanMethods = false)
    static class RecordedEvents {
        @Bean
        ConfigurerModule chainReadsTheRecordedLog(ObjectProvider<RecordedEventLog> recorded) {
            return configurer -> configurer.eventProcessing(processing -> processing.registerTrackingEventProcessor(
                    PROCESSING_GROUP, configuration -> recorded.getObject().source()));
        }
    }

    static final String PROCESSING_GROUP = "audit-chain";

    private final ChainLinks links;
    private final ChainContent content;

    AuditChain(ChainLinks links, ChainContent content) {
        this.links = links;
        this.content = content;
    }

    @EventHandler
    void on(
            Object payload,
            EventMessage<?> event,
            @MetaDataValue(EventLog.GLOBAL_INDEX) String globalIndex,
            TrackingToken token) {
        if (links.contains(event.getIdentifier())) {
            return;
        }
        String contentHash = content.hash(event);
        Link head = links.head().orElse(null);
        long chainSeq = head == null ? 1 : head.chainSeq() + 1;
        String previous = head == null ? ChainContent.GENESIS : head.link();
        Link link = new Link(
                chainSeq,
                EventLog.globalIndex(globalIndex, token),
                event.getIdentifier(),
                contentHash,
                ChainContent.link(previous, contentHash));
        links.append(link);
        if (payload instanceof PeriodClosed closed) {
            // The close is sealed with the link that covers it and every event linked before it.
            links.seal(closed, link);
        }
    }
}
