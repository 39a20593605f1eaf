package io.stockledger.api.finance;

import io.stockledger.api.common.LocationId;
import io.stockledger.api.common.Sku;
import java.time.YearMonth;
import java.util.Objects;

/** The balances of every position in {@code period}, optionally of one SKU and/or one location. */
public record GetPeriodBalances(YearMonth period, Sku sku, LocationId location) {

    public GetPeriodBalances {
        Objects.requireNonNull(period, "period is required");
    }
}
