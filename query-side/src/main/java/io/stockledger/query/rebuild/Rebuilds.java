package io.stockledger.query.rebuild;

import io.stockledger.query.eventlog.RecordedEventLog;
import io.stockledger.query.eventlog.StoredTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds a projection from the event log while the live one keeps serving, and verifies a projection against a
 * fresh replay.
 *
 * <p>A second tracking processor, {@code <group>.rebuild}, is built at run time over the group's own handler beans
 * (Axon cannot register a processor once the configuration has started, and needs not: a processor is an object
 * with a name, a handler invoker, a source, a token store and a transaction manager). It replays the log from the
 * start into the shadow generation ({@link ShadowTransactions}), its token in {@code TokenEntry} beside its rows. It
 * never reads past the live processor's position ({@link CappedSource}). Within {@code switch-within} events of it,
 * the live processor is paused, the replay brought to exactly its position, the two generations compared row by
 * row, and, for a rebuild, the replayed state and token switched in ({@link Generations#switchOver}); then the live
 * processor resumes and the shadow generation is dropped. Readers read the live tables throughout.
 */
@Service
class Rebuilds {

    private static final Logger log = LoggerFactory.getLogger(Rebuilds.class);

    /** A request the current state refuses: another rebuild of the projection is running. */
    static final class AlreadyRunning extends RuntimeException {
        AlreadyRunning(String detail) {
            super(detail);
        }
    }

    private final ApplicationContext context;
    private final Configuration axon;
    private final EventProcessingConfiguration processing;
    private final ObjectProvider<RecordedEventLog> recordedLog;
    private final TokenStore tokenStore;
    private final TransactionManager transactions;
    private final DataSource dataSource;
    private final StoredTokens storedTokens;
    private final Generations generations;
    private final ProjectionState states;
    private final TransactionTemplate snapshots;
    private final int switchWithin;
    private final int differencesListed;
    private final int batchSize;

    /** How often a switch-over is tried before a rebuild gives up on late appends that keep arriving. */
    private static final int MAX_SWITCH_ATTEMPTS = 20;

    /**
     * Runs on a rebuild's thread just after the live processor has stopped for a switch-over, with the projection's
     * name: a seam for tests that commit an append at that instant. Does nothing otherwise.
     */
    volatile Consumer<String> liveStopped = projection -> {};

    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private final ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "projection-rebuild");
        thread.setDaemon(true);
        return thread;
    });

    Rebuilds(
            ApplicationContext context,
            Configuration axon,
            EventProcessingConfiguration processing,
            ObjectProvider<RecordedEventLog> recordedLog,
            TokenStore tokenStore,
            TransactionManager transactions,
            DataSource dataSource,
            StoredTokens storedTokens,
            Generations generations,
            ProjectionState states,
            TransactionTemplate transactionTemplate,
            @Value("${stockledger.rebuilds.switch-within:100}") int switchWithin,
            @Value("${stockledger.rebuilds.differences-listed:1000}") int differencesListed,
            @Value("${stockledger.rebuilds.batch-size:1000}") int batchSize) {
        this.context = context;
        this.axon = axon;
        this.processing = processing;
        this.recordedLog = recordedLog;
        this.tokenStore = tokenStore;
        this.transactions = transactions;
        this.dataSource = dataSource;
        this.storedTokens = storedTokens;
        this.generations = generations;
        this.states = states;
        this.snapshots = new TransactionTemplate(transactionTemplate.getTransactionManager());
        this.snapshots.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshots.setReadOnly(true);
        this.switchWithin = switchWithin;
        this.differencesListed = differencesListed;
        this.batchSize = batchSize;
    }

    /** The log the projections read: the event bus of a query side is its (embedded or Axon Server) event store. */
    @SuppressWarnings("unchecked")
    private static StreamableMessageSource<TrackedEventMessage<?>> eventLog(Configuration axon) {
        if (axon.eventBus() instanceof StreamableMessageSource<?> log) {
            return (StreamableMessageSource<TrackedEventMessage<?>>) log;
        }
        throw new IllegalStateException("the event bus is not an event log: " + axon.eventBus());
    }

    /** The projection's checksum as it is served now, and the event position it reflects. */
    record Checksum(String projection, Long position, String sha256, List<ProjectionState.TableChecksum> tables) {}

    Checksum checksum(String projection) {
        ProjectionCatalog catalog = catalog(projection);
        return snapshots.execute(status -> {
            List<ProjectionState.TableChecksum> tables = states.checksum(catalog, Generations.LIVE);
            return new Checksum(
                    projection, storedPosition(projection).orElse(null), ProjectionState.combined(tables), tables);
        });
    }

    Rebuild start(String projection, boolean switchOver) {
        ProjectionCatalog catalog = catalog(projection);
        TrackingEventProcessor live = processing
                .eventProcessorByProcessingGroup(projection, TrackingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no tracking processor for " + projection));
        synchronized (runs) {
            runs.values().stream()
                    .filter(run ->
                            run.projection.equals(projection) && !run.snapshot().finished())
                    .findFirst()
                    .ifPresent(running -> {
                        throw new AlreadyRunning(
                                "a " + running.kind() + " of " + projection + " is running: " + running.id);
                    });
            Run run = new Run(UUID.randomUUID().toString(), catalog, live, switchOver);
            runs.put(run.id, run);
            workers.execute(run);
            return run.snapshot();
        }
    }

    Optional<Rebuild> find(String projection, String id) {
        catalog(projection);
        return Optional.ofNullable(runs.get(id))
                .filter(run -> run.projection.equals(projection))
                .map(Run::snapshot);
    }

    List<Rebuild> of(String projection) {
        catalog(projection);
        List<Rebuild> found = new ArrayList<>();
        runs.values().stream()
                .filter(run -> run.projection.equals(projection))
                .map(Run::snapshot)
                .sorted(Comparator.comparing(Rebuild::startedAt).reversed())
                .forEach(found::add);
        return found;
    }

    static ProjectionCatalog catalog(String projection) {
        return ProjectionCatalog.of(projection).orElseThrow(() -> new UnknownProjection(projection));
    }

    /** The projection named in a request does not exist. */
    static final class UnknownProjection extends RuntimeException {
        UnknownProjection(String projection) {
            super("No projection named '" + projection + "'; projections: "
                    + ProjectionCatalog.PROJECTIONS.keySet().stream().sorted().toList());
        }
    }

    @jakarta.annotation.PreDestroy
    void shutDown() {
        workers.shutdownNow();
    }

    /** A processor's stored tokens, one per segment; {@code null} for a segment that has read nothing yet. */
    private List<TrackingToken> storedTokens(String processorName) {
        return storedTokens.of(processorName);
    }

    /** The lowest position of a processor's stored tokens; empty when it has none. */
    private OptionalLong storedPositionOf(String processorName) {
        return storedTokens(processorName).stream()
                .map(token -> token == null ? OptionalLong.of(-1) : token.position())
                .filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong)
                .min();
    }

    /**
     * The positions at or below {@code at} that a processor's stored tokens hold as gaps: events it has not seen,
     * either because there are none (a rolled-back append) or because their transaction had not committed when it
     * read past them (a late gap-filler, which it will still handle). Empty on Axon Server, whose log has no gaps.
     */
    private SortedSet<Long> storedGapsOf(String processorName, long at) {
        SortedSet<Long> gaps = new TreeSet<>();
        for (TrackingToken token : storedTokens(processorName)) {
            if (WrappedToken.unwrapLowerBound(token) instanceof GapAwareTrackingToken gapAware) {
                gaps.addAll(gapAware.getGaps().headSet(at + 1));
            }
        }
        return gaps;
    }

    private Optional<Long> storedPosition(String processorName) {
        OptionalLong position = storedPositionOf(processorName);
        return position.isPresent() ? Optional.of(position.getAsLong()) : Optional.empty();
    }

    private static long currentPosition(TrackingEventProcessor processor) {
        return processor.processingStatus().values().stream()
                .map(EventTrackerStatus::getCurrentPosition)
                .filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong)
                .min()
                .orElse(-1);
    }

    /** The positions that are a gap to one side and not to the other. */
    static SortedSet<Long> oneSided(SortedSet<Long> gaps, SortedSet<Long> otherGaps) {
        SortedSet<Long> difference = new TreeSet<>(gaps);
        difference.addAll(otherGaps);
        SortedSet<Long> both = new TreeSet<>(gaps);
        both.retainAll(otherGaps);
        difference.removeAll(both);
        return difference;
    }

    private long head() {
        TrackingToken head = eventLog(axon).createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    private List<Object> handlers(String projection) {
        List<Object> handlers = new ArrayList<>();
        context.getBeansWithAnnotation(ProcessingGroup.class).values().forEach(bean -> {
            ProcessingGroup group =
                    AnnotationUtils.findAnnotation(AopUtils.getTargetClass(bean), ProcessingGroup.class);
            if (group != null && group.value().equals(projection)) {
                handlers.add(bean);
            }
        });
        if (handlers.isEmpty()) {
            throw new IllegalStateException("no event handlers in processing group " + projection);
        }
        return handlers;
    }

    /** One rebuild or verification, run on its own thread. */
    private final class Run implements Runnable {

        private final String id;
        private final String projection;
        private final ProjectionCatalog catalog;
        private final TrackingEventProcessor live;
        private final boolean switchOver;
        private final String rebuildName;
        private final Instant startedAt = Instant.now();

        private volatile String state = Rebuild.REPLAYING;
        private volatile Instant finishedAt;
        private volatile long eventsDone;
        private volatile long eventsTotal;
        private volatile long frozenLimit = Long.MIN_VALUE;
        private volatile Long position;
        private volatile String oldChecksum;
        private volatile String newChecksum;
        private volatile ProjectionState.Comparison comparison;
        private volatile Long switchMillis;
        private volatile String failure;

        Run(String id, ProjectionCatalog catalog, TrackingEventProcessor live, boolean switchOver) {
            this.id = id;
            this.projection = catalog.name();
            this.catalog = catalog;
            this.live = live;
            this.switchOver = switchOver;
            this.rebuildName = projection + ".rebuild";
        }

        String kind() {
            return switchOver ? "rebuild" : "verification";
        }

        Rebuild snapshot() {
            Duration elapsed = Duration.between(startedAt, finishedAt == null ? Instant.now() : finishedAt);
            double seconds = elapsed.toMillis() / 1000.0;
            double rate = seconds > 0 ? eventsDone / seconds : 0;
            Long remaining = null;
            if (finishedAt != null) {
                remaining = 0L;
            } else if (rate > 0) {
                remaining = Math.round(Math.max(0, eventsTotal - eventsDone) / rate);
            }
            ProjectionState.Comparison compared = comparison;
            return new Rebuild(
                    id,
                    projection,
                    kind(),
                    state,
                    startedAt,
                    finishedAt,
                    eventsDone,
                    eventsTotal,
                    Math.round(rate * 10) / 10.0,
                    remaining,
                    position,
                    oldChecksum,
                    newChecksum,
                    compared == null ? null : compared.differing(),
                    compared == null ? null : compared.differences(),
                    switchMillis,
                    failure);
        }

        @Override
        public void run() {
            TrackingEventProcessor replay = null;
            boolean livePaused = false;
            try {
                generations.createShadow(catalog);
                generations.forgetTokens(rebuildName);
                replay = replayProcessor();
                replay.start();
                long at;
                long switchStarted;
                SortedSet<Long> lastDifference = null;
                for (int attempt = 1; ; attempt++) {
                    catchUp(replay);
                    state = Rebuild.SWITCHING;
                    switchStarted = System.nanoTime();
                    live.shutDown();
                    livePaused = true;
                    at = storedPositionOf(projection).orElse(-1);
                    frozenLimit = at;
                    liveStopped.accept(projection);
                    while (replayPosition(replay) < at) {
                        progress(replay);
                        pause(20);
                    }
                    replay.shutDown();
                    progress(replay);
                    // Both now stand at the same position, but the same events below it must lie behind both. An
                    // append that commits late leaves a gap in the token of whoever read past its position first;
                    // it may have reached the replay and not yet the live processor, or the other way round.
                    SortedSet<Long> difference = oneSided(storedGapsOf(projection, at), storedGapsOf(rebuildName, at));
                    if (difference.isEmpty()) {
                        break;
                    }
                    if (lastDifference != null && lastDifference.containsAll(difference)) {
                        // Both sides have read on since, and a gap that holds an event is filled on the next read:
                        // these positions hold none (rolled-back appends, forgotten by one side's gap cleaning).
                        break;
                    }
                    if (attempt == MAX_SWITCH_ATTEMPTS) {
                        throw new IllegalStateException("late appends below the live position kept arriving: after "
                                + attempt + " attempts the live processor of " + projection
                                + " and the replay still differ on the events at " + difference);
                    }
                    log.info(
                            "{} of {}: the events at {} are behind one side only; both read on, then switch again",
                            kind(),
                            projection,
                            difference);
                    lastDifference = difference;
                    frozenLimit = Long.MIN_VALUE;
                    state = Rebuild.REPLAYING;
                    replay.start();
                    live.start();
                    livePaused = false;
                    pause(200);
                }
                position = at;
                comparison = states.compare(catalog, Generations.LIVE, catalog.shadowSchema(), differencesListed);
                oldChecksum = ProjectionState.combined(states.checksum(catalog, Generations.LIVE));
                newChecksum = ProjectionState.combined(states.checksum(catalog, catalog.shadowSchema()));
                if (switchOver) {
                    generations.switchOver(catalog, projection, rebuildName);
                }
                live.start();
                livePaused = false;
                switchMillis = (System.nanoTime() - switchStarted) / 1_000_000;
                state = Rebuild.DONE;
                log.info(
                        "{} of {} done at position {}: {} differing rows, switch-over pause {} ms",
                        kind(),
                        projection,
                        at,
                        comparison.differing(),
                        switchMillis);
            } catch (Exception | Error e) {
                log.error("{} of {} failed", kind(), projection, e);
                failure = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
                state = Rebuild.FAILED;
            } finally {
                if (replay != null) {
                    replay.shutDown();
                }
                if (livePaused) {
                    live.start();
                }
                try {
                    generations.dropShadow(catalog);
                    generations.forgetTokens(rebuildName);
                } catch (RuntimeException e) {
                    log.warn("could not clean up the shadow generation of {}", projection, e);
                }
                finishedAt = Instant.now();
            }
        }

        /** Replays until within {@code switch-within} events of the live processor, which must keep running. */
        private void catchUp(TrackingEventProcessor replay) throws InterruptedException {
            while (true) {
                progress(replay);
                if (!live.isRunning()) {
                    // Its position would never move again, and a switch-over needs it running.
                    throw new IllegalStateException("the live processor of " + projection
                            + " is not running, so the replay cannot catch up with it; start it, then " + kind()
                            + " again");
                }
                long livePosition = currentPosition(live);
                if (livePosition >= 0 && replayPosition(replay) >= livePosition - switchWithin) {
                    return;
                }
                if (livePosition < 0 && head() < 0) {
                    return;
                }
                pause(200);
            }
        }

        private void progress(TrackingEventProcessor replay) {
            eventsDone = replayPosition(replay) + 1;
            try {
                eventsTotal = Math.max(eventsDone, head() + 1);
            } catch (RuntimeException e) {
                eventsTotal = Math.max(eventsTotal, eventsDone);
            }
            if (replay.isError()) {
                throw new IllegalStateException("the replay failed on an event; see the query side's log");
            }
        }

        private long replayPosition(TrackingEventProcessor replay) {
            long current = currentPosition(replay);
            return current >= 0 ? current : storedPositionOf(rebuildName).orElse(-1);
        }

        private long limit() {
            long frozen = frozenLimit;
            return frozen != Long.MIN_VALUE ? frozen : currentPosition(live);
        }

        private TrackingEventProcessor replayProcessor() {
            List<Object> handlers = handlers(projection);
            StreamableMessageSource<TrackedEventMessage<?>> log =
                    "audit-chain".equals(projection) ? recordedLog.getObject().source() : eventLog(axon);
            return TrackingEventProcessor.builder()
                    .name(rebuildName)
                    .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                            .eventHandlers(handlers)
                            .parameterResolverFactory(axon.parameterResolverFactory())
                            .handlerDefinition(
                                    axon.handlerDefinition(handlers.get(0).getClass()))
                            .listenerInvocationErrorHandler(PropagatingErrorHandler.instance())
                            .build())
                    .messageSource(new CappedSource(log, this::limit))
                    .tokenStore(tokenStore)
                    .transactionManager(new ShadowTransactions(transactions, dataSource, catalog.shadowSchema()))
                    .rollbackConfiguration(RollbackConfigurationType.ANY_THROWABLE)
                    .errorHandler(PropagatingErrorHandler.instance())
                    .trackingEventProcessorConfiguration(
                            TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                    .andBatchSize(batchSize)
                                    .andInitialTrackingToken(source -> null))
                    .build();
        }

        private static void pause(long millis) throws InterruptedException {
            Thread.sleep(millis);
        }
    }
}
