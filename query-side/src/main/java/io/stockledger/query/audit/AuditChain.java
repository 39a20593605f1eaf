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
 * Links every recorded event into the hash chain in the order of the log (global index). The log delivers events
 * in that order, except an append that committed after later ones (a gap filled late on the embedded store): it is
 * put in its place and the links after it recomputed, so a replay builds exactly the live chain. Each link covers the event's canonical content ({@link ChainContent}) and the link before it,
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
        long index = EventLog.globalIndex(globalIndex, token);
        Link head = links.head().orElse(null);
        Link link;
        if (head == null || head.globalIndex() < index) {
            link = new Link(
                    head == null ? 1 : head.chainSeq() + 1,
                    index,
                    event.getIdentifier(),
                    contentHash,
                    ChainContent.link(head == null ? ChainContent.GENESIS : head.link(), contentHash));
            links.append(link);
        } else {
            // An append that committed after later ones (a gap the log filled late): it takes its place in log order
            // and the links after it are recomputed, so the chain is the same however the log was delivered.
            link = links.insertInLogOrder(index, event.getIdentifier(), contentHash);
        }
        if (payload instanceof PeriodClosed closed) {
            // The close is sealed with the link that covers it and every event linked before it.
            links.seal(closed, link);
        }
    }
}
