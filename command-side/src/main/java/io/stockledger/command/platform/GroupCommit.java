package io.stockledger.command.platform;

import java.util.List;
import javax.sql.DataSource;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandBusSpanFactory;
import org.axonframework.commandhandling.DuplicateCommandHandlerResolver;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The embedded store's command path: {@link GroupCommitCommandBus} in place of Axon's {@code SimpleCommandBus}, and
 * the durable head of the log it moves. (On Axon Server, which stores the events and routes the commands, Axon's own
 * buses stay.)
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
class GroupCommit {

    /**
     * Axon's JDBC components get their connection from Spring's transaction, and nothing else. Axon's Spring Boot
     * default wraps the provider so that it commits (or rolls back) the connection itself when each unit of work
     * ends: inside a group, that would commit the group's transaction after every command, and roll it back whole
     * when one command is refused.
     */
    @Bean
    ConnectionProvider connectionProvider(DataSource dataSource) {
        return new SpringDataSourceConnectionProvider(dataSource);
    }

    /** H2's {@code CHECKPOINT SYNC}: writes the committed changes to the file, then forces the file to disk. */
    @Bean
    DiskSync diskSync(JdbcTemplate jdbc) {
        return () -> jdbc.execute("CHECKPOINT SYNC");
    }

    @Bean
    DurableLog durableLog(JdbcTemplate jdbc, DiskSync diskSync) {
        return new DurableLog(jdbc, diskSync);
    }

    @Bean(destroyMethod = "close")
    GroupCommitCommandBus commandBus(
            PlatformTransactionManager transactions,
            org.axonframework.config.Configuration axon,
            DuplicateCommandHandlerResolver duplicateCommandHandlerResolver,
            DurableLog durableLog,
            Cache aggregateCache,
            List<GroupCommitCommandBus.RollbackListener> rollbackListeners,
            @Value("${stockledger.commands.max-group-size:100}") int maxGroupSize) {
        SimpleCommandBus.Builder builder = SimpleCommandBus.builder()
                .transactionManager(new SavepointTransactions(transactions))
                .duplicateCommandHandlerResolver(duplicateCommandHandlerResolver)
                .spanFactory(axon.getComponent(CommandBusSpanFactory.class))
                .messageMonitor(axon.messageMonitor(CommandBus.class, "commandBus"));
        GroupCommitCommandBus bus = new GroupCommitCommandBus(
                builder,
                new TransactionTemplate(transactions),
                durableLog,
                aggregateCache,
                rollbackListeners,
                maxGroupSize);
        bus.registerHandlerInterceptor(new CorrelationDataInterceptor<>(axon.correlationDataProviders()));
        return bus;
    }
}
