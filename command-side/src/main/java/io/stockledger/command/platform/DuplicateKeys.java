package io.stockledger.command.platform;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.springframework.stereotype.Component;

/**
 * Tells Axon's JDBC event store when an append failed on a unique key, so that a lost race for an aggregate's
 * stream becomes a {@code ConcurrencyException} (which {@link CommandRetry} retries) rather than a store failure.
 * Axon's default looks only at exception causes; H2 reports a failed batch insert through
 * {@link SQLException#getNextException()}, with SQL state {@code 23505}.
 */
@Component
class DuplicateKeys implements PersistenceExceptionResolver {

    private static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && isDuplicate(sql)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDuplicate(SQLException exception) {
        for (SQLException next = exception; next != null; next = next.getNextException()) {
            if (next instanceof SQLIntegrityConstraintViolationException
                    || UNIQUE_VIOLATION.equals(next.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
