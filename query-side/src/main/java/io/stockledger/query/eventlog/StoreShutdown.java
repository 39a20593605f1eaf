package io.stockledger.query.eventlog;

import io.stockledger.security.OwnedH2File;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Closes the projections database when the query side is done with it, not before (H2 would close it in its own
 * shutdown hook at the first moment of a stop; {@link OwnedH2File}): Spring destroys this bean after the web server
 * has drained and the processors have finished or rolled back their batch, before the pool closes. The events
 * database is the command side's to close. {@code QuerySideGracefulStopEndToEndTest} stops the query side under read
 * load and finds no 500 and no error.
 */
@Component
class StoreShutdown implements DisposableBean {

    private final OwnedH2File projections;

    StoreShutdown(DataSource dataSource) throws SQLException {
        this.projections = new OwnedH2File(dataSource, "the projections database");
    }

    @Override
    public void destroy() {
        projections.close();
    }
}
