package io.stockledger.command.reservation;

import io.stockledger.api.common.ChannelId;
import io.stockledger.command.channel.ChannelPolicies;
import io.stockledger.command.stock.PositionReservations;
import org.springframework.stereotype.Component;

/**
 * Backorders are allowed only where a channel's policy says so, up to its backorder limit per position and only at
 * the locations it sells from. A channel never defined, or one whose policy does not allow them, has none.
 */
@Component
class Backorders {

    private final ChannelPolicies policies;

    Backorders(ChannelPolicies policies) {
        this.policies = policies;
    }

    PositionReservations.Allowance of(ChannelId channel) {
        return policies.current(channel)
                .<PositionReservations.Allowance>map(policy -> policy::backorderAllowance)
                .orElse(PositionReservations.Allowance.NONE);
    }
}
