package io.stockledger.query;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.stockledger.store.StorePassword;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import javax.sql.DataSource;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.core.io.ClassPathResource;

/**
 * The command side's events database in a data directory, written the way the command side writes it, for tests
 * that run the query side against a real event log.
 */
public final class EventsDatabase {

    private final Path dataDirectory;

    public EventsDatabase(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    /** A fresh data directory for one test class. */
    public static Path temporaryDataDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JdbcDataSource dataSource() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + dataDirectory.resolve("events/ledger") + ";AUTO_SERVER=TRUE;WRITE_DELAY=0");
        dataSource.setUser(StorePassword.USER);
        dataSource.setPassword(StorePassword.of(dataDirectory));
        return dataSource;
    }

    /** What the command side's migration does. */
    public void createTables(Connection events) throws IOException, SQLException {
        String script = new ClassPathResource("events-schema.sql").getContentAsString(StandardCharsets.UTF_8);
        try (Statement statement = events.createStatement()) {
            for (String sql : script.replaceAll("(?m)^--.*$", "").split(";")) {
                if (!sql.isBlank()) {
                    statement.execute(sql);
                }
            }
        }
    }

    /** What the command side's event store does: Axon's JDBC engine, with the command side's Jackson mapper. */
    public void append(TrackedEventMessage<?>... recorded) {
        append(dataSource(), recorded);
    }

    /** The same, through the given connections (one held open in a transaction, say). */
    public void append(DataSource connections, TrackedEventMessage<?>... recorded) {
        JacksonSerializer serializer = JacksonSerializer.builder()
                .objectMapper(JsonMapper.builder()
                        .findAndAddModules()
                        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                        .build())
                .build();
        JdbcEventStorageEngine engine = JdbcEventStorageEngine.builder()
                .connectionProvider(connections::getConnection)
                .transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .build();
        engine.appendEvents(Arrays.asList(recorded));
    }
}
