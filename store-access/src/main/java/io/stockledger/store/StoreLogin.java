package io.stockledger.store;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Opens the ledger's H2 databases with their password, and keeps the servers H2 starts for them on loopback.
 *
 * <p>A database made before the ledger gave its databases a password takes the empty one: {@link #connect} gives it
 * the password on the way, so a data directory of an earlier version goes on working with no manual step.
 */
public final class StoreLogin {

    /** H2's SQL state (and error code) for a refused user name or password. */
    static final String WRONG_USER_OR_PASSWORD = "28000";

    /** The system property H2 binds its TCP servers to (every interface when unset), read once by H2. */
    public static final String BIND_ADDRESS = "h2.bindAddress";

    private static final System.Logger log = System.getLogger(StoreLogin.class.getName());

    private StoreLogin() {}

    /**
     * A connection to {@code url} as {@code user} with {@code password}. When the database refuses it and takes the
     * empty password instead (it was made before it had one), the database is given {@code password} ({@code ALTER
     * USER … SET PASSWORD}) and that connection returned. Any other refusal is thrown as it is.
     */
    public static Connection connect(String url, String user, String password) throws SQLException {
        try {
            return DriverManager.getConnection(url, user, password);
        } catch (SQLException refused) {
            if (password.isEmpty() || !WRONG_USER_OR_PASSWORD.equals(refused.getSQLState())) {
                throw refused;
            }
            Connection connection;
            try {
                connection = DriverManager.getConnection(url, user, "");
            } catch (SQLException alsoRefused) {
                return againOrRefused(url, user, password, refused);
            }
            try (PreparedStatement alter =
                    connection.prepareStatement("ALTER USER " + quoted(user) + " SET PASSWORD ?")) {
                alter.setString(1, password);
                alter.execute();
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
            log.log(Level.INFO, "{0} took the empty password; it now takes the store password", withoutSettings(url));
            return connection;
        }
    }

    /**
     * The password once more: another process (the other side, started at the same moment on the same data directory)
     * may have given it to the database between the two refusals.
     */
    private static Connection againOrRefused(String url, String user, String password, SQLException refused)
            throws SQLException {
        try {
            return DriverManager.getConnection(url, user, password);
        } catch (SQLException stillRefused) {
            throw refused;
        }
    }

    /**
     * Keeps the TCP servers H2 starts in this process (with {@code AUTO_SERVER}) on the loopback interface, unless
     * {@value #BIND_ADDRESS} is set already. H2 reads the property once, so this must run before its first connection.
     */
    public static void serveOnLoopback() {
        if (System.getProperty(BIND_ADDRESS) == null) {
            System.setProperty(BIND_ADDRESS, "127.0.0.1");
        }
    }

    /** H2 takes user names in any case and keeps them in upper case. */
    private static String quoted(String user) {
        return '"' + user.toUpperCase(Locale.ROOT).replace("\"", "\"\"") + '"';
    }

    private static String withoutSettings(String url) {
        int settings = url.indexOf(';');
        return settings < 0 ? url : url.substring(0, settings);
    }
}
