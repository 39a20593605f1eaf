package io.stockledger.security;

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

/**
 * An H2 file database that a side closes itself, when it is done with it, instead of H2 closing it at once.
 *
 * <p>H2 closes every database it opened in a JVM shutdown hook of its own, which runs beside Spring's from the first
 * moment of a stop: requests still being answered and event processors still in a batch found the database closed
 * under them (500 "Database is already closed"). H2 offers no switch for this with {@code AUTO_SERVER=TRUE}
 * ({@code DB_CLOSE_ON_EXIT=FALSE} is refused), so this takes the database out of H2's hook and {@link #close} shuts it
 * down; each side calls it from a bean Spring destroys after its web server and processors have stopped.
 *
 * <p>Nothing is taken over when another process serves the file (it opened it first and closes it), when another
 * application context in this JVM opened it first (that one closes it), or for an in-memory database.
 */
public final class OwnedH2File {

    private static final Logger log = LoggerFactory.getLogger(OwnedH2File.class);

    /** H2's shutdown hook: its registry of databases to close, package-private in H2 (2.3.232). */
    static final String H2_CLOSER = "org.h2.engine.OnExitDatabaseCloser";

    private final DataSource dataSource;
    private final String name;
    private final boolean ours;

    /** Takes {@code dataSource}'s database over from H2's hook if this context opened it; {@code name} is for logs. */
    public OwnedH2File(DataSource dataSource, String name) throws SQLException {
        this.dataSource = dataSource;
        this.name = name;
        try (Connection connection = dataSource.getConnection()) {
            Database database = embeddedDatabase(connection);
            this.ours = database != null && database.isPersistent() && leaveClosingToUs(database, H2_CLOSER, name);
        }
    }

    /** Whether this side closes the database itself (it opened the file, and H2's hook no longer closes it). */
    public boolean ours() {
        return ours;
    }

    /** Shuts the database down ({@code SHUTDOWN}) if it is ours; before the connection pool closes. */
    public void close() {
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
            log.warn("Could not close {}; it is opened again, as after a crash, on the next start", name, e);
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
     * when it is not (another context in this JVM took it first), and false, with a warning, when this H2 has no such
     * hook to take it out of, which leaves closing the database to H2 as before.
     */
    static boolean leaveClosingToUs(Database database, String closer, String name) {
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
                    "H2 closes {} in its own shutdown hook: work under way when the side stops may fail ({})",
                    name,
                    cause.toString());
            return false;
        }
    }
}
