package io.stockledger.query.audit;

import io.stockledger.api.finance.PeriodClosed;
import io.stockledger.query.audit.ChainLinks.Link;
import io.stockledger.query.eventlog.EventLog;
import io.stockledger.query.eventlog.RecordedEventLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

/**
 * Links every recorded event into the hash chain in the order of the log (global index). The log delivers events
 * in that order, except an append that committed after later ones (a gap filled late on the embedded store): it is
 * put in its place and the links after it recomputed, so a replay builds exactly the live chain. Each link covers the event's canonical content ({@link ChainContent}) and the link before it,
 * so changing, removing or inserting any stored event breaks the chain at that event. Idempotent: an event already
 * linked is skipped; the link and the processor's token commit together. A batch reads the chain's head once and
 * stores its new links in one JDBC batch just before it commits.
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

    private static final String BATCH = AuditChain.class.getName() + ".batch";

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
        ChainBatch batch = batch();
        String contentHash = content.hash(event);
        long index = EventLog.globalIndex(globalIndex, token);
        Link head = batch.head(links::head).orElse(null);
        if (head == null || head.globalIndex() < index) {
            // Every linked event is at or before the head in the log, so this one is not linked yet.
            Link link = new Link(
                    head == null ? 1 : head.chainSeq() + 1,
                    index,
                    event.getIdentifier(),
                    contentHash,
                    ChainContent.link(head == null ? ChainContent.GENESIS : head.link(), contentHash));
            seal(payload, link);
            batch.append(link);
            if (!CurrentUnitOfWork.isStarted()) {
                write(batch);
            }
            return;
        }
        // Linked already, or an append that committed after later ones (a gap the log filled late): the batch's links
        // are stored first, then the event takes its place in log order and the links after it are recomputed, so the
        // chain is the same however the log was delivered. Should this handler fail, its savepoint takes back the
        // links stored here too; the batch keeps them until the handler is through.
        links.append(batch.links());
        if (!links.contains(event.getIdentifier())) {
            seal(payload, links.insertInLogOrder(index, event.getIdentifier(), contentHash));
        }
        batch.stored();
    }

    private void seal(Object payload, Link link) {
        if (payload instanceof PeriodClosed closed) {
            // The close is sealed with the link that covers it and every event linked before it.
            links.seal(closed, link);
        }
    }

    /**
     * This batch's new links, stored just before its transaction (with the processor's token) commits; outside a
     * unit of work (a test handing events over directly) stored by the handler at once.
     */
    private ChainBatch batch() {
        if (!CurrentUnitOfWork.isStarted()) {
            return new ChainBatch();
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(BATCH, key -> {
            ChainBatch batch = new ChainBatch();
            unitOfWork.onPrepareCommit(committing -> write(batch));
            return batch;
        });
    }

    private void write(ChainBatch batch) {
        links.append(batch.links());
        batch.stored();
    }

    /**
     * The links of one batch, kept in memory until it commits, and the chain's head: read once per batch, the last
     * new link after that.
     */
    static final class ChainBatch {
        private final List<Link> links = new ArrayList<>();
        private Optional<Link> head;

        Optional<Link> head(Supplier<Optional<Link>> stored) {
            if (head == null) {
                head = stored.get();
            }
            return head;
        }

        void append(Link link) {
            links.add(link);
            head = Optional.of(link);
        }

        List<Link> links() {
            return links;
        }

        /** The links are stored, and the chain may have changed under the head: it is read again when needed. */
        void stored() {
            links.clear();
            head = null;
        }
    }
}
