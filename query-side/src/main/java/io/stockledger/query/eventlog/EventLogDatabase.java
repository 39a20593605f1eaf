package io.stockledger.query.eventlog;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The connection pool to the command side's events database. Deliberately neither a {@code DataSource} nor a
 * {@code ConnectionProvider} bean: nothing but the event storage engine may reach that database, and Spring Boot's
 * JDBC and Flyway set-up and Axon's token store must keep using the projections database.
 */
final class EventLogDatabase implements AutoCloseable {

    private final HikariDataSource pool;

    EventLogDatabase(EventLogProperties properties) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("events");
        config.setJdbcUrl(properties.url());
        config.setUsername(properties.username());
        config.setPassword(properties.password());
        config.setReadOnly(true);
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(1);
        // Start even when the events database cannot be opened yet; the processors keep retrying.
        config.setInitializationFailTimeout(-1);
        this.pool = new HikariDataSource(config);
    }

    Connection connection() throws SQLException {
        return pool.getConnection();
    }

    @Override
    public void close() {
        pool.close();
    }
}
