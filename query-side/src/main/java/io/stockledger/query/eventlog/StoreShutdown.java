package io.stockledger.query.eventlog;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.h2.engine.Database;
import org.h2.engine.Session;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Closes the projections database when the query side is done with it, not before; the command side's
 * {@code StoreShutdown} does the same for the event store.
 *
 * <p>At a graceful stop Spring drains the web server first (its phase stops first), then stops Axon (the processors
 * finish or roll back their batch), then destroys the beans, the connection pools among them. But H2 closes every
 * database it opened in a JVM shutdown hook of its own, which runs beside Spring's from the first moment: reads still
 * being answered were then answered 500 and the processors logged errors, on a database already closed under them.
 * This takes the projections database out of H2's hook when this side opened it, and closes it ({@code SHUTDOWN})
 * when Spring destroys this bean, before the pool closes. {@code QuerySideGracefulStopEndToEndTest} stops the query
 * side under read load and finds no 500 and no error.
 *
 * <p>If another process serves the file (it opened it first), or another application context in this JVM opened it
 * first, there is nothing to do here: that one closes it. The events database is the command side's to close.
 */
@Component
class StoreShutdown implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(StoreShutdown.class);

    /** H2's shutdown hook: its registry of databases to close, package-private in H2 (2.3.232). */
    static final String H2_CLOSER = "org.h2.engine.OnExitDatabaseCloser";

    private final DataSource dataSource;
    private final boolean ours;

    StoreShutdown(DataSource dataSource) throws SQLException {
        this.dataSource = dataSource;
        try (Connection connection = dataSource.getConnection()) {
            Database database = embeddedDatabase(connection);
            this.ours = database != null && database.isPersistent() && leaveClosingToUs(database, H2_CLOSER);
        }
    }

    /** Whether this side closes the database itself (it opened the file, and H2's hook no longer closes it). */
    boolean closesTheStore() {
        return ours;
    }

    @Override
    public void destroy() {
        if (!ours) {
            return;
        }
        Connection connection;
        try {
            connection = dataSource.getConnection();
            try (Statement shutdown = connection.createStatement()) {
                shutdown.execute("SHUTDOWN");
            }
        } catch (SQLException e) {
            log.warn(
                    "Could not close the projections database; it is opened again, as after a crash, on the next start",
                    e);
            return;
        }
        try {
            connection.close();
        } catch (SQLException expected) {
            // the pool finds the connection's database closed, which it is: SHUTDOWN closed it
        }
    }

    private static Database embeddedDatabase(Connection connection) throws SQLException {
        if (!connection.isWrapperFor(JdbcConnection.class)) {
            return null;
        }
        Session session = connection.unwrap(JdbcConnection.class).getSession();
        return session instanceof SessionLocal local ? local.getDatabase() : null;
    }

    /**
     * Takes the database out of H2's shutdown hook ({@code closer}'s {@code unregister}) if it is still in it. False
     * when it is not: another application context in this JVM opened it first and closes it (the chain verifier,
     * started beside a running side in a test). False, with a warning, when this H2 has no such hook to take it out
     * of, which leaves closing the database to H2 as before.
     */
    static boolean leaveClosingToUs(Database database, String closer) {
        try {
            Class<?> hook = Class.forName(closer, true, Database.class.getClassLoader());
            Field databases = hook.getDeclaredField("DATABASES");
            databases.setAccessible(true);
            Method unregister = hook.getDeclaredMethod("unregister", Database.class);
            unregister.setAccessible(true);
            synchronized (hook) { // H2's register and unregister are static synchronized
                if (!((Map<?, ?>) databases.get(null)).containsKey(database)) {
                    return false;
                }
                unregister.invoke(null, database);
            }
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            Throwable cause = e instanceof InvocationTargetException invocation ? invocation.getCause() : e;
            log.warn(
                    "H2 closes the projections database in its own shutdown hook: reads under way when the query side"
                            + " stops may fail ({})",
                    cause.toString());
            return false;
        }
    }
}
