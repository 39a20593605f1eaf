package io.stockledger.query.eventlog;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import io.stockledger.store.StoreLogin;
import io.stockledger.store.StorePassword;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import org.h2.api.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pool to the command side's events database. Deliberately neither a {@code DataSource} nor a
 * {@code ConnectionProvider} bean: nothing but the event storage engine may reach that database, and Spring Boot's
 * JDBC and Flyway set-up and Axon's token store must keep using the projections database.
 */
final class EventLogDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EventLogDatabase.class);

    private final HikariDataSource pool;

    /** With the configured password, else, for an H2 database that is not in memory, the data directory's. */
    EventLogDatabase(EventLogProperties properties, Path dataDirectory) {
        String password = StorePassword.forUrl(properties.url(), properties.password(), dataDirectory);
        if (StorePassword.isStore(properties.url())) {
            login(properties.url(), properties.username(), password);
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("events");
        config.setJdbcUrl(properties.url());
        config.setUsername(properties.username());
        config.setPassword(password);
        config.setReadOnly(true);
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(1);
        // Start even when the events database cannot be opened yet; the processors keep retrying.
        config.setInitializationFailTimeout(-1);
        config.setExceptionOverride(new SQLExceptionOverride() {
            @java.lang.Override
            public Override adjudicate(SQLException failure) {
                return EventLogDatabase.adjudicate(failure);
            }
        });
        this.pool = new HikariDataSource(config);
    }

    /**
     * Gives the events database its password if it was made with the empty one. The command side does that when it
     * starts; this is for the times this side opens the database first ({@code ./stockledger verify-chain} over the
     * data directory of a stopped ledger). A database that cannot be opened yet is left to the pool's retries.
     */
    private static void login(String url, String user, String password) {
        try {
            StoreLogin.connect(url, user, password).close();
        } catch (SQLException e) {
            log.warn("Cannot open the events database yet ({}); the event processors keep trying", e.getMessage());
        }
    }

    /** H2's codes for a connection that can never work again: its server went away, or its database closed. */
    private static final Set<Integer> DEAD_CONNECTION = Set.of(
            ErrorCode.CONNECTION_BROKEN_1,
            ErrorCode.DATABASE_CALLED_AT_SHUTDOWN,
            ErrorCode.DATABASE_IS_CLOSED,
            ErrorCode.IO_EXCEPTION_1,
            ErrorCode.IO_EXCEPTION_2);

    /**
     * Evicts a pooled connection H2 reports dead. The events database is served by whichever process opened it first
     * (H2's automatic mixed mode, normally the command side): when that process stops, every connection to it is
     * broken, but H2 says so with its own codes, which Hikari does not take for connection errors (it looks for SQL
     * state {@code 08…}). It then kept handing out the broken connections to the processors' fast retries, which
     * never left one idle long enough to be validated, and the projections stopped reading for good (seen once in
     * CI: a reservation that expired after the command side restarted never reached the query side).
     */
    static SQLExceptionOverride.Override adjudicate(SQLException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && DEAD_CONNECTION.contains(sql.getErrorCode())) {
                return SQLExceptionOverride.Override.MUST_EVICT;
            }
        }
        return SQLExceptionOverride.Override.CONTINUE_EVICT;
    }

    Connection connection() throws SQLException {
        return pool.getConnection();
    }

    @Override
    public void close() {
        pool.close();
    }
}
