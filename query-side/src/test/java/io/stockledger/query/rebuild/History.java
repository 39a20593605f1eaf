package io.stockledger.query.rebuild;

import io.stockledger.api.common.PositionId;
import io.stockledger.api.stock.Balance;
import io.stockledger.query.Ledger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.axonframework.eventhandling.TrackedEventMessage;

/** A generated, valid history of receipts, shipments, adjustments, counts, quarantines and reservations. */
final class History {

    private final Ledger ledger = new Ledger();
    private final Random random;
    private final List<PositionId> positions = new ArrayList<>();
    private final Instant start = Instant.parse("2026-01-01T00:00:00Z");
    private long movements;

    History(long seed, int skus, int locations) {
        this.random = new Random(seed);
        for (int sku = 0; sku < skus; sku++) {
            for (int location = 0; location < locations; location++) {
                positions.add(Ledger.position("SKU-" + sku, "LOC-" + location));
            }
        }
    }

    List<PositionId> positions() {
        return positions;
    }

    TrackedEventMessage<?>[] next(int events) {
        TrackedEventMessage<?>[] next = new TrackedEventMessage<?>[events];
        for (int i = 0; i < events; i++) {
            next[i] = next();
        }
        return next;
    }

    TrackedEventMessage<?> next() {
        PositionId position = positions.get(random.nextInt(positions.size()));
        Balance balance = ledger.current(position);
        long available = balance.available().units();
        long onHand = balance.onHand().units();
        String id = "M-" + (++movements);
        String at = start.plusSeconds(movements * 60).toString();
        int pick = random.nextInt(10);
        if (onHand == 0 || pick < 4) {
            return ledger.receive(position, id, at, 1 + random.nextInt(50), (1 + random.nextInt(20)) + ".25");
        }
        if (pick < 6 && available > 0) {
            return ledger.ship(position, id, at, 1 + random.nextInt((int) Math.min(available, 20)));
        }
        if (pick < 7 && available > 0) {
            return ledger.reserve(position, "R-" + movements, at, 1, "WEB");
        }
        if (pick < 8 && available > 0) {
            return ledger.quarantine(position, id, at, 1);
        }
        if (pick < 9) {
            return ledger.count(position, id, at, onHand + random.nextInt(5));
        }
        return ledger.because("FOUND").adjust(position, id, at, 1 + random.nextInt(3));
    }
}
