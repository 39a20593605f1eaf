package io.stockledger.query.channel;

import io.stockledger.api.channel.Availability;
import io.stockledger.api.channel.FindAvailability;
import io.stockledger.api.channel.GetAvailability;
import io.stockledger.api.common.ChannelId;
import io.stockledger.api.common.Sku;
import java.util.List;
import java.util.Optional;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Answers availability queries from the projection's rows, in one read-only transaction, stating the freshness
 * they answer from; empty for a channel that was never defined.
 */
@Component
class AvailabilityQueries {

    private final ChannelRows rows;
    private final Freshness freshness;
    private final TransactionTemplate readOnly;

    AvailabilityQueries(ChannelRows rows, Freshness freshness, PlatformTransactionManager transactions) {
        this.rows = rows;
        this.freshness = freshness;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    @QueryHandler
    Optional<Availability> handle(GetAvailability query) {
        Freshness.Reading reading = freshness.read();
        List<String> skus = query.skus().stream().map(Sku::value).toList();
        return readOnly.execute(tx -> rows.policy(query.channel().value())
                .map(policy -> answer(query.channel(), reading, rows.availability(policy, skus), null)));
    }

    @QueryHandler
    Optional<Availability> handle(FindAvailability query) {
        Freshness.Reading reading = freshness.read();
        String after = query.after() == null ? null : query.after().value();
        return readOnly.execute(tx -> rows.policy(query.channel().value()).map(policy -> {
            List<String> skus = rows.assortment(policy.locations(), after, query.limit() + 1);
            String next = null;
            if (skus.size() > query.limit()) {
                skus = skus.subList(0, query.limit());
                next = skus.get(skus.size() - 1);
            }
            return answer(query.channel(), reading, rows.availability(policy, skus), next);
        }));
    }

    /** The freshness is read before the rows: the rows are at least as fresh as the answer says. */
    private static Availability answer(
            ChannelId channel, Freshness.Reading reading, List<Availability.SkuAvailability> items, String next) {
        return new Availability(channel, reading.eventPosition(), reading.asOf(), reading.ageMillis(), items, next);
    }
}
