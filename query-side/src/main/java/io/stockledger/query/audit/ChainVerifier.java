package io.stockledger.query.audit;

import io.stockledger.query.audit.ChainLinks.Link;
import io.stockledger.query.eventlog.RecordedEventLog;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.stereotype.Component;

/**
 * Recomputes the hash chain from the event log and reports the first broken link. Two passes, both streamed: the
 * links in chain order must each follow from the one before; the events of the log, read in log order beside the
 * links in log order, must be exactly the linked events, each with the content its link recorded. The chain may lag
 * the log (events recorded after its head are not yet linked); they are verified once linked.
 */
@Component
class ChainVerifier {

    /** How long to wait for the log to deliver an event that the chain says it holds. */
    private static final int LOG_WAIT_SECONDS = 5;

    private final StreamableMessageSource<TrackedEventMessage<?>> eventLog;
    private final ChainLinks links;
    private final ChainContent content;
    private final Clock clock;

    ChainVerifier(RecordedEventLog eventLog, ChainLinks links, ChainContent content) {
        this.eventLog = eventLog.asStored();
        this.links = links;
        this.content = content;
        this.clock = Clock.systemUTC();
    }

    /** Where the chain is broken, and why. */
    record Break(long chainSeq, long globalIndex, String eventId, String reason) {}

    /** The outcome of one verification. */
    record Verification(boolean intact, long linksVerified, Link head, Break firstBreak, Instant verifiedAt) {}

    Verification verify() {
        Instant started = clock.instant();
        LinkagePass linkage = new LinkagePass();
        try {
            links.inChainOrder(linkage);
        } catch (Broken broken) {
            return new Verification(false, linkage.verified, linkage.head, broken.at, started);
        }
        try (BlockingStream<TrackedEventMessage<?>> log = eventLog.openStream(null)) {
            ContentPass contents = new ContentPass(log);
            try {
                links.inLogOrder(contents);
            } catch (Broken broken) {
                return new Verification(false, contents.verified, linkage.head, broken.at, started);
            }
        }
        for (ChainLinks.Seal seal : links.seals()) {
            if (!links.linkAt(seal.chainSeq()).map(seal.link()::equals).orElse(false)) {
                return new Verification(
                        false,
                        linkage.verified,
                        linkage.head,
                        new Break(
                                seal.chainSeq(),
                                -1,
                                seal.eventId(),
                                "the seal of period " + seal.period() + " does not match the chain"),
                        started);
            }
        }
        return new Verification(true, linkage.verified, linkage.head, null, started);
    }

    /** Each link must be the hash of the link before it and its own content hash, numbered without a gap. */
    private static final class LinkagePass implements java.util.function.Consumer<Link> {
        private String previous = ChainContent.GENESIS;
        private long verified;
        private Link head;

        @Override
        public void accept(Link link) {
            if (link.chainSeq() != verified + 1) {
                throw new Broken(link, "link " + (verified + 1) + " is missing from the chain");
            }
            if (!link.link().equals(ChainContent.link(previous, link.contentHash()))) {
                throw new Broken(link, "the link does not follow from the link before it");
            }
            previous = link.link();
            head = link;
            verified++;
        }
    }

    /** The log, read in order, must hold exactly the linked events, each unchanged. */
    private final class ContentPass implements java.util.function.Consumer<Link> {
        private final BlockingStream<TrackedEventMessage<?>> log;
        private long verified;

        ContentPass(BlockingStream<TrackedEventMessage<?>> log) {
            this.log = log;
        }

        @Override
        public void accept(Link link) {
            TrackedEventMessage<?> event = next(link);
            if (!event.getIdentifier().equals(link.eventId())) {
                throw new Broken(
                        link,
                        "the event log holds event " + event.getIdentifier() + " where the chain links event "
                                + link.eventId() + ": an event was removed or inserted");
            }
            if (!content.hash(event).equals(link.contentHash())) {
                throw new Broken(link, "the event's content differs from the content that was linked");
            }
            verified++;
        }

        private TrackedEventMessage<?> next(Link link) {
            try {
                if (!log.hasNextAvailable(LOG_WAIT_SECONDS, TimeUnit.SECONDS)) {
                    throw new Broken(link, "the linked event is missing from the event log");
                }
                return log.nextAvailable();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading the event log", e);
            }
        }
    }

    /** Ends a pass at the first broken link. */
    private static final class Broken extends RuntimeException {
        private final Break at;

        Broken(Link link, String reason) {
            super(reason, null, false, false);
            this.at = new Break(link.chainSeq(), link.globalIndex(), link.eventId(), reason);
        }
    }
}
