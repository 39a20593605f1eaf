package io.stockledger.api.channel;

import io.stockledger.api.common.LocationId;
import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Quantity;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * How a channel sells: from which locations, keeping which safety stock per position (a default, and exceptions
 * per position), holding back a buffer, offering a share (in percent) of what is left, and whether it may reserve
 * beyond available stock (backorders) and by how much per position.
 */
public record ChannelPolicy(
        List<LocationId> locations,
        Quantity defaultSafetyStock,
        List<SafetyStock> safetyStock,
        Quantity buffer,
        int sharePercent,
        boolean backordersAllowed,
        Quantity backorderLimit) {

    /** The most locations one channel may sell from, and the most safety-stock exceptions it may have. */
    public static final int MAX_LOCATIONS = 200;

    public static final int MAX_SAFETY_STOCK_EXCEPTIONS = 1000;

    public ChannelPolicy {
        Objects.requireNonNull(locations, "locations is required");
        Objects.requireNonNull(defaultSafetyStock, "defaultSafetyStock is required");
        Objects.requireNonNull(buffer, "buffer is required");
        Objects.requireNonNull(backorderLimit, "backorderLimit is required");
        locations = locations.stream()
                .map(location -> Objects.requireNonNull(location, "locations must not contain null"))
                .distinct()
                .sorted(Comparator.comparing(LocationId::value))
                .toList();
        if (locations.isEmpty() || locations.size() > MAX_LOCATIONS) {
            throw new IllegalArgumentException("locations must name 1 to " + MAX_LOCATIONS + " locations");
        }
        safetyStock = safetyStock == null
                ? List.of()
                : safetyStock.stream()
                        .sorted(Comparator.comparing(s -> s.positionId().toString()))
                        .toList();
        if (safetyStock.size() > MAX_SAFETY_STOCK_EXCEPTIONS) {
            throw new IllegalArgumentException(
                    "safetyStock may have at most " + MAX_SAFETY_STOCK_EXCEPTIONS + " positions");
        }
        if (safetyStock.stream().map(SafetyStock::positionId).distinct().count() != safetyStock.size()) {
            throw new IllegalArgumentException("safetyStock names a position twice");
        }
        requireNotNegative(defaultSafetyStock, "defaultSafetyStock");
        requireNotNegative(buffer, "buffer");
        requireNotNegative(backorderLimit, "backorderLimit");
        if (sharePercent < 0 || sharePercent > 100) {
            throw new IllegalArgumentException("sharePercent must be between 0 and 100, got " + sharePercent);
        }
        if (!backordersAllowed && backorderLimit.isPositive()) {
            throw new IllegalArgumentException("backorderLimit must be 0 when backorders are not allowed");
        }
    }

    /** The safety stock of a position: its exception, or the default. */
    public Quantity safetyStockOf(PositionId positionId) {
        return safetyStock.stream()
                .filter(s -> s.positionId().equals(positionId))
                .map(SafetyStock::quantity)
                .findFirst()
                .orElse(defaultSafetyStock);
    }

    /** How far this channel may reserve beyond available stock on one of its positions. */
    public Quantity backorderAllowance(PositionId positionId) {
        return backordersAllowed && locations.contains(positionId.location()) ? backorderLimit : Quantity.ZERO;
    }

    private static void requireNotNegative(Quantity quantity, String what) {
        if (quantity.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative, got " + quantity);
        }
    }

    /** The safety stock of one position, where it differs from the channel's default. */
    public record SafetyStock(PositionId positionId, Quantity quantity) {

        public SafetyStock {
            Objects.requireNonNull(positionId, "positionId is required");
            Objects.requireNonNull(quantity, "quantity is required");
            requireNotNegative(quantity, "safety stock of " + positionId);
        }
    }
}
