package io.stockledger.command.platform;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.h2.engine.Database;
import org.h2.engine.Session;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Closes the embedded event store when the command side is done with it, not before.
 *
 * <p>H2 closes every database it opened in a JVM shutdown hook of its own. That hook runs beside Spring's, at the
 * same moment: while the web server was still finishing the requests it had taken on (a graceful stop), the store
 * was already closed under them, and they were answered 500 (and the expiry sweep and the event processors logged
 * "Database is already closed"). H2 offers no switch for this with {@code AUTO_SERVER=TRUE}
 * ({@code DB_CLOSE_ON_EXIT=FALSE} is refused), so this takes the store out of H2's hook when the command side
 * opened it, and closes it ({@code SHUTDOWN}) when Spring destroys this bean: after the web server and the event
 * processors have stopped, before the connection pool closes. {@code GracefulStopEndToEndTest} stops the command
 * side under load and finds no 500.
 *
 * <p>If another process serves the file (it opened it first), there is nothing to do here: that process closes it.
 */
@Component
class StoreShutdown implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(StoreShutdown.class);

    /** H2's shutdown hook: its registry of databases to close, package-private in H2 (2.3.232). */
    static final String H2_CLOSER = "org.h2.engine.OnExitDatabaseCloser";

    private final DataSource dataSource;
    private final boolean ours;

    private GroupCommitCommandBus commands;

    StoreShutdown(DataSource dataSource) throws SQLException {
        this.dataSource = dataSource;
        try (Connection connection = dataSource.getConnection()) {
            Database database = embeddedDatabase(connection);
            this.ours = database != null && database.isPersistent() && leaveClosingToUs(database, H2_CLOSER);
        }
    }

    /** Whether this side closes the store itself (it opened the file, and H2's hook no longer closes it). */
    boolean closesTheStore() {
        return ours;
    }

    /** The commands still queued are handled and committed before the store closes. */
    @Autowired(required = false)
    void closeAfter(GroupCommitCommandBus commands) {
        this.commands = commands;
    }

    @Override
    public void destroy() {
        if (commands != null) {
            commands.close();
        }
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
            log.warn("Could not close the event store; it is opened again, as after a crash, on the next start", e);
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
     * Takes the database out of H2's shutdown hook ({@code closer}'s {@code unregister}); false, with a warning, when
     * this H2 has no such hook to take it out of, which leaves closing the store to H2 as before.
     */
    static boolean leaveClosingToUs(Database database, String closer) {
        try {
            Method unregister = Class.forName(closer, true, Database.class.getClassLoader())
                    .getDeclaredMethod("unregister", Database.class);
            unregister.setAccessible(true);
            unregister.invoke(null, database);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            Throwable cause = e instanceof InvocationTargetException invocation ? invocation.getCause() : e;
            log.warn(
                    "H2 closes the event store in its own shutdown hook: requests under way when the command side"
                            + " stops may fail ({})",
                    cause.toString());
            return false;
        }
    }
}
