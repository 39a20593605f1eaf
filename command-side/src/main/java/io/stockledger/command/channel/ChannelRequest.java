package io.stockledger.command.channel;

import io.stockledger.api.channel.ChannelPolicy;
import io.stockledger.api.common.LocationId;
import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Quantity;
import io.stockledger.api.common.Sku;
import io.stockledger.api.common.SourceSystem;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The bodies of the channel API. Bean validation checks the form; the policy record the rest. */
final class ChannelRequest {

    /** The most units a safety stock, buffer, backorder limit or quota may name. */
    static final long MAX_UNITS = 1_000_000_000L;

    private ChannelRequest() {}

    @Schema(name = "ChannelPolicyRequest", description = "How a channel sells; replaces the whole policy.")
    record Policy(
            @Schema(example = "[\"DC1\", \"STORE-7\"]") @NotNull @Size(min = 1, max = ChannelPolicy.MAX_LOCATIONS)
                    List<@NotNull @Size(min = 1, max = 64) @Pattern(regexp = LocationId.PATTERN) String> locations,
            @Schema(description = "units kept back on every position unless listed in safetyStock", example = "5")
                    @PositiveOrZero
                    @Max(MAX_UNITS)
                    Long defaultSafetyStock,
            @Valid @Size(max = ChannelPolicy.MAX_SAFETY_STOCK_EXCEPTIONS) List<@NotNull SafetyStock> safetyStock,
            @Schema(description = "units held back after safety stock", example = "2") @PositiveOrZero @Max(MAX_UNITS)
                    Long buffer,
            @Schema(description = "the percentage of what is left the channel may sell (default 100)", example = "80")
                    @Min(0)
                    @Max(100)
                    Integer sharePercent,
            @Valid Backorders backorders,
            @Schema(example = "admin") @Size(min = 1, max = 64) @Pattern(regexp = SourceSystem.PATTERN)
                    String sourceSystem) {

        ChannelPolicy toPolicy() {
            boolean allowed = backorders != null && Boolean.TRUE.equals(backorders.allowed());
            long limit = backorders == null || backorders.limit() == null ? 0 : backorders.limit();
            return new ChannelPolicy(
                    locations.stream().map(LocationId::of).toList(),
                    Quantity.of(defaultSafetyStock == null ? 0 : defaultSafetyStock),
                    safetyStock == null
                            ? List.of()
                            : safetyStock.stream()
                                    .map(SafetyStock::toSafetyStock)
                                    .toList(),
                    Quantity.of(buffer == null ? 0 : buffer),
                    sharePercent == null ? 100 : sharePercent,
                    allowed,
                    Quantity.of(limit));
        }
    }

    @Schema(name = "SafetyStockRequest", description = "The safety stock of one position, overriding the default.")
    record SafetyStock(
            @Schema(example = "WIDGET-EA") @NotNull @Size(min = 1, max = 64) @Pattern(regexp = Sku.PATTERN) String sku,
            @Schema(example = "DC1") @NotNull @Size(min = 1, max = 64) @Pattern(regexp = LocationId.PATTERN)
                    String location,
            @Schema(example = "10") @NotNull @PositiveOrZero @Max(MAX_UNITS) Long quantity) {

        ChannelPolicy.SafetyStock toSafetyStock() {
            return new ChannelPolicy.SafetyStock(PositionId.of(sku, location), Quantity.of(quantity));
        }
    }

    @Schema(name = "BackordersRequest", description = "Whether the channel may reserve beyond available stock.")
    record Backorders(
            @Schema(example = "true") @NotNull Boolean allowed,
            @Schema(
                            description = "units the channel's reservations may backorder on one position, all"
                                    + " together, beyond what it can reserve there",
                            example = "20")
                    @PositiveOrZero
                    @Max(MAX_UNITS)
                    Long limit) {}

    @Schema(
            name = "QuotaRequest",
            description = "Units of one position to ring-fence for, or give back from, a channel.")
    record Quota(
            @Schema(example = "WIDGET-EA") @NotNull @Size(min = 1, max = 64) @Pattern(regexp = Sku.PATTERN) String sku,
            @Schema(example = "DC1") @NotNull @Size(min = 1, max = 64) @Pattern(regexp = LocationId.PATTERN)
                    String location,
            @Schema(example = "200") @NotNull @Positive @Max(MAX_UNITS) Long quantity,
            @Schema(example = "admin") @Size(min = 1, max = 64) @Pattern(regexp = SourceSystem.PATTERN)
                    String sourceSystem) {}
}
