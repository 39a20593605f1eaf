package io.stockledger.command.platform;

import io.stockledger.security.OwnedH2File;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Closes the embedded event store when the command side is done with it, not before (H2 would close it in its own
 * shutdown hook at the first moment of a stop; {@link OwnedH2File}): Spring destroys this bean after the web server
 * and the event processors have stopped, and it first lets the commands still queued be handled and committed.
 * {@code GracefulStopEndToEndTest} stops the command side under load and finds no 500.
 */
@Component
class StoreShutdown implements DisposableBean {

    private final OwnedH2File store;

    private GroupCommitCommandBus commands;

    StoreShutdown(DataSource dataSource) throws SQLException {
        this.store = new OwnedH2File(dataSource, "the event store");
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
        store.close();
    }
}
