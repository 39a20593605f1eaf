package io.stockledger.api.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * A stock position: one SKU at one location. Its string form, {@code SKU@LOCATION}, is the identifier of the
 * stock-position aggregate and the routing key of every command for it.
 */
public record PositionId(Sku sku, LocationId location) {

    public PositionId {
        Objects.requireNonNull(sku, "sku is required");
        Objects.requireNonNull(location, "location is required");
    }

    public static PositionId of(String sku, String location) {
        return new PositionId(Sku.of(sku), LocationId.of(location));
    }

    @JsonCreator
    public static PositionId parse(String value) {
        int at = value == null ? -1 : value.indexOf('@');
        if (at < 0) {
            throw new IllegalArgumentException("a position id has the form SKU@LOCATION, got '" + value + "'");
        }
        return of(value.substring(0, at), value.substring(at + 1));
    }

    @JsonValue
    @Override
    public String toString() {
        return sku.value() + "@" + location.value();
    }
}
