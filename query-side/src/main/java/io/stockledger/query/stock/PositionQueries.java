package io.stockledger.query.stock;

import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Refusal;
import io.stockledger.api.stock.FindPositions;
import io.stockledger.api.stock.GetPosition;
import io.stockledger.api.stock.PositionPage;
import io.stockledger.api.stock.PositionView;
import java.util.List;
import java.util.Optional;
import org.axonframework.queryhandling.QueryExecutionException;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/** Answers position queries from the positions projection. */
@Component
class PositionQueries {

    private final PositionRows rows;

    PositionQueries(PositionRows rows) {
        this.rows = rows;
    }

    @QueryHandler
    Optional<PositionView> handle(GetPosition query) {
        return rows.find(query.positionId());
    }

    /** The cursor is the position id ({@code SKU@LOCATION}) of the last item of the previous page. */
    @QueryHandler
    PositionPage handle(FindPositions query) {
        List<PositionView> items = rows.find(query.sku(), query.location(), cursor(query.after()), query.limit() + 1);
        if (items.size() <= query.limit()) {
            return new PositionPage(items, null);
        }
        List<PositionView> page = items.subList(0, query.limit());
        PositionView last = page.get(page.size() - 1);
        return new PositionPage(List.copyOf(page), new PositionId(last.sku(), last.location()).toString());
    }

    private static PositionId cursor(String after) {
        if (after == null) {
            return null;
        }
        try {
            return PositionId.parse(after);
        } catch (IllegalArgumentException e) {
            String detail = "after: not a cursor of this list (" + e.getMessage() + ")";
            throw new QueryExecutionException(detail, null, new Refusal("invalid-request", detail));
        }
    }
}
