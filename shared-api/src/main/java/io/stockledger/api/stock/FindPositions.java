package io.stockledger.api.stock;

import io.stockledger.api.common.LocationId;
import io.stockledger.api.common.Sku;

/**
 * Positions, optionally filtered by SKU and/or location, ordered by SKU then location; {@code after} is the
 * opaque cursor of the previous page (null for the first), {@code limit} 1 to 1000.
 */
public record FindPositions(Sku sku, LocationId location, String after, int limit) {

    public static final int MAX_LIMIT = 1000;

    public FindPositions {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
    }
}
