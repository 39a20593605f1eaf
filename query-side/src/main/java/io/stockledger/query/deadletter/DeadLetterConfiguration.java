package io.stockledger.query.deadletter;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.annotation.Nonnull;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.EventProcessorProperties;
import org.axonframework.springboot.util.DeadLetterQueueProviderConfigurerModule;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;

/**
 * Every projection parks an event it fails on in Axon's sequenced dead-letter queue instead of stopping: the event
 * and every later event of the same sequence (the same position, the same reservation) wait in
 * {@code DeadLetterEntry}, in the projections database, while all other sequences keep flowing. The hash chain is
 * the exception: it links events strictly in order, so a failure there stops it until it is fixed.
 *
 * <p>This replaces Axon Spring Boot's own provider, which parks only for processors listed one by one under
 * {@code axon.eventhandling.processors.<name>.dlq.enabled}: here a new projection parks by default.
 *
 * <p>Every parking group also keeps Axon's sequence identifier cache: without it the invoker asks the queue's table
 * whether an event's sequence is parked before every event it hands over (one query per event and projection, 3.4 %
 * of the processors' samples in a profile of a bulk day). The cache starts from the queue's size when a segment is
 * claimed, so with nothing parked it answers from memory, and it learns of every sequence its own invoker parks or
 * releases; a sequence is parked only by the instance that owns its segment.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class DeadLetterConfiguration {

    /** Processing groups that never park: they must handle every event in order or stop. */
    static final Set<String> NEVER_PARKED = Set.of("audit-chain");

    @Bean
    DeadLetterQueueProviderConfigurerModule deadLetterQueues(
            ConnectionProvider connections,
            TransactionManager transactions,
            DeadLetterSchema schema,
            Serializer serializer,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            ListableBeanFactory beans,
            @Value("${stockledger.dead-letters.max-sequences:1024}") int maxSequences,
            @Value("${stockledger.dead-letters.max-sequence-size:1024}") int maxSequenceSize) {
        Function<String, Function<Configuration, SequencedDeadLetterQueue<EventMessage<?>>>> provider =
                group -> NEVER_PARKED.contains(group)
                        ? null
                        : configuration -> JdbcSequencedDeadLetterQueue.builder()
                                .processingGroup(group)
                                .connectionProvider(connections)
                                .transactionManager(transactions)
                                .schema(schema)
                                .genericSerializer(serializer)
                                .eventSerializer(eventSerializer)
                                .maxSequences(maxSequences)
                                .maxSequenceSize(maxSequenceSize)
                                .build();
        return new DeadLetterQueueProviderConfigurerModule(new EventProcessorProperties(), provider) {
            @Override
            public void configureModule(@Nonnull Configurer configurer) {
                configurer.eventProcessing().registerDeadLetterQueueProvider(provider);
                parkingGroups(beans).forEach(group -> configurer
                        .eventProcessing()
                        .registerDeadLetteringEventHandlerInvokerConfiguration(
                                group, (configuration, invoker) -> invoker.enableSequenceIdentifierCache()));
            }
        };
    }

    /** The processing groups of the application's event handlers that park their failures. */
    static Set<String> parkingGroups(ListableBeanFactory beans) {
        return Arrays.stream(beans.getBeanNamesForAnnotation(ProcessingGroup.class))
                .map(name ->
                        beans.findAnnotationOnBean(name, ProcessingGroup.class).value())
                .filter(group -> !NEVER_PARKED.contains(group))
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
