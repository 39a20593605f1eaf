package io.stockledger.command.stock;

import io.stockledger.api.common.CorrelationId;
import io.stockledger.api.common.LocationId;
import io.stockledger.api.common.MovementId;
import io.stockledger.api.common.Origin;
import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Principal;
import io.stockledger.api.common.Quantity;
import io.stockledger.api.common.ReasonCode;
import io.stockledger.api.common.ReferenceDocument;
import io.stockledger.api.common.Sku;
import io.stockledger.api.common.SourceSystem;
import io.stockledger.api.stock.AdjustStock;
import io.stockledger.api.stock.CountStock;
import io.stockledger.api.stock.DamageStock;
import io.stockledger.api.stock.MovementCommand;
import io.stockledger.api.stock.MovementHeader;
import io.stockledger.api.stock.QuarantineStock;
import io.stockledger.api.stock.ReceiveStock;
import io.stockledger.api.stock.ReleaseFromQuarantine;
import io.stockledger.api.stock.ReportShortPick;
import io.stockledger.api.stock.ReturnStock;
import io.stockledger.api.stock.ShipStock;
import io.stockledger.api.stock.TransferStockIn;
import io.stockledger.api.stock.TransferStockOut;
import io.stockledger.api.stock.WriteOffStock;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The body of a movement posted to the API, one record per kind. Every kind carries the same header fields; each
 * record adds its own and names its command. Bean validation checks the form (the value types' patterns, lengths,
 * ranges); the value types and commands check the rest when the command is built.
 */
sealed interface MovementRequest {

    /** The most units one movement may carry: keeps every balance far from the limits of a long. */
    long MAX_UNITS = 1_000_000_000L;

    String movementId();

    String sku();

    String location();

    Long quantity();

    Instant occurredAt();

    String sourceSystem();

    Reference reference();

    String reasonCode();

    /** The command of this kind, given what every kind carries. */
    MovementCommand toCommand(PositionId position, Quantity units, MovementHeader header);

    /** The command this request asks for, on behalf of {@code principal} in business transaction {@code correlationId}. */
    default MovementCommand toCommand(Principal principal, CorrelationId correlationId) {
        Origin origin = new Origin(
                SourceSystem.of(sourceSystem()),
                new ReferenceDocument(reference().type(), reference().number()),
                principal,
                correlationId);
        MovementHeader header = new MovementHeader(
                MovementId.of(movementId()),
                occurredAt(),
                reasonCode() == null ? null : ReasonCode.of(reasonCode()),
                origin);
        return toCommand(PositionId.of(sku(), location()), Quantity.of(quantity()), header);
    }

    /** An optional quantity of the request as the command takes it. */
    private static Quantity orNull(Long units) {
        return units == null ? null : Quantity.of(units);
    }

    @Schema(name = "ReferenceRequest", description = "The business document the movement was made under.")
    record Reference(
            @Schema(example = "ASN") @NotNull @Size(min = 1, max = 32) @Pattern(regexp = ReferenceDocument.TYPE_PATTERN)
                    String type,
            @Schema(example = "4711")
                    @NotNull
                    @Size(min = 1, max = 64)
                    @Pattern(regexp = ReferenceDocument.NUMBER_PATTERN)
                    String number) {}

    @Schema(name = "ReceiptRequest", description = "Units arrive at a location, optionally with their unit cost.")
    record Receipt(
            @NotNull @Size(min = 1, max = 100) @Pattern(regexp = MovementId.PATTERN) String movementId,
            @NotNull @Size(min = 1, max = 64) @Pattern(regexp = Sku.PATTERN) String sku,
            @NotNull @Size(min = 1, max = 64) @Pattern(regexp = LocationId.PATTERN) String location,
            @NotNull @Positive @Max(MAX_UNITS) Long quantity,
            @NotNull Instant occurredAt,
            @NotNull @Size(min = 1, max = 64) @Pattern(regexp = SourceSystem.PATTERN) String sourceSystem,
            @NotNull @Valid Reference reference,
            @Size(min = 1, max = 32) @Pattern(regexp = ReasonCode.PATTERN) String reasonCode,
            @Schema(description = "The cost of one unit; at most 4 decimals.")
                    @DecimalMin("0")
                    @Digits(integer = 15, fraction = 4)
                    BigDecimal unitCost)
            implements MovementRequest {

        @Override
        public MovementCommand toCommand(PositionId position, Quantity units, MovementHeader header) {
            return new ReceiveStock(position, units, unitCost, header);
        }
    }

    @Schema(name = "ShipmentRequest", description = "Unreserved units leave the location; only available stock may.")
    record Shipment(
            @NotNull @Size(min = 1, max = 100) @Pattern(regexp = MovementId.PATTERN) String movementId,
            @NotNull @Size(min = 1, max = 64) @Pattern(regexp = Sku.PATTERN) String sku,
            @NotNull @Size(min = 1, max = 64) @Pattern(regexp = LocationId.PATTERN) String location,
            @NotNull @Positive @Max(MAX_UNITS) Long quantity,
            @NotNull Instant occurredAt,
            @NotNull @Size(min = 1, max = 64) @Pattern(regexp = SourceSystem.PATTERN) String sourceSystem,
            @NotNull @Valid Reference reference,
            @Size(min = 1, max = 32) @Pattern(regexp = ReasonCode.PATTERN) String reasonCode)
            implements MovementRequest {

        @Override
        public MovementCommand toCommand(PositionId position, Quantity units, MovementHeader header) {
            return new ShipStock(position, units, header);
        }
    }

    @Schema(
            name = "AdjustmentRequest",
            description = "On hand changes by a signed, non-zero quantity, for a reason (required).")
    record Adjustment(
            @NotNull @Size(min = 1, max = 100) @Pattern(regexp = MovementId.PATTERN) String movementId,
            @NotNull @Size(min = 1, max = 64) @Pattern(regexp = Sku.PATTERN) String sku,
            @NotNull @Size(min = 1, max = 64) @Pattern(regexp = LocationId.PATTERN) String location,
            @Schema(description = "The signed change of on hand; not zero.") @NotNull @Min(-MAX_UNITS) @Max(MAX_UNITS)
                    Long quantity,
            @NotNull Instant occurredAt,
            @NotNull @Size(min = 1, max = 64) @Pattern(regexp = SourceSystem.PATTERN) String sourceSystem,
            @NotNull @Valid Reference reference,
            @NotNull @Size(min = 1, max = 32) @Pattern(regexp = ReasonCode.PATTERN) String reasonCode,
            @Schema(description = "When given, refused with on-hand-mismatch unless on hand is exactly this.")
                    @PositiveOrZero
                    Long expectedOnHand)
            implements MovementRequest {

        @Override
        public MovementCommand toCommand(PositionId position, Quantity units, MovementHeader header) {
            return new AdjustStock(position, units, orNull(expectedOnHand), header);
        }
    }

    @Schema(
            name = "CountRequest",
            description = "A physical count sets on hand to the counted quantity at its business time.")
    record Count(
            @NotNull @Size(min = 1, max = 100) @Pattern(regexp = MovementId.PATTERN) String movementId,
            @NotNull @Size(min = 1, max = 64) @Pattern(regexp = Sku.PATTERN) String sku,
            @NotNull @Size(min = 1, max = 64) @Pattern(regexp = LocationId.PATTERN) String location,
            @Schema(description = "The counted units.") @NotNull @PositiveOrZero @Max(MAX_UNITS) Long quantity,
            @NotNull Instant occurredAt,
            @NotNull @Size(min = 1, max = 64) @Pattern(regexp = SourceSystem.PATTERN) String sourceSystem,
            @NotNull @Valid Reference reference,
            @Size(min = 1, max = 32) @Pattern(regexp = ReasonCode.PATTERN) String reasonCode,
            @Schema(description = "When given, refused with on-hand-mismatch unless on hand is exactly this.")
                    @PositiveOrZero
                    Long expectedOnHand)
            implements MovementRequest {

        @Override
        public MovementCommand toCommand(PositionId position, Quantity units, MovementHeader header) {
            return new CountStock(position, units, orNull(expectedOnHand), header);
        }
    }

    @Schema(name = "QuarantineRequest", description = "Available units are put on hold.")
    record Quarantine(
            @NotNull @Size(min = 1, max = 100) @Pattern(regexp = MovementId.PATTERN) String movementId,
            @NotNull @Size(min = 1, max = 64) @Pattern(regexp = Sku.PATTERN) String sku,
            @NotNull @Size(min = 1, max = 64) @Pattern(regexp = LocationId.PATTERN) String location,
            @NotNull @Positive @Max(MAX_UNITS) Long quantity,
            @NotNull Instant occurredAt,
            @NotNull @Size(min = 1, max = 64) @Pattern(regexp = SourceSystem.PATTERN) String sourceSystem,
            @NotNull @Valid Reference reference,
            @Size(min = 1, max = 32) @Pattern(regexp = ReasonCode.PATTERN) String reasonCode)
            implements MovementRequest {

        @Override
        public MovementCommand toCommand(PositionId position, Quantity units, MovementHeader header) {
            return new QuarantineStock(position, units, header);
        }
    }

    @Schema(name = "QuarantineReleaseRequest", description = "Quarantined units are released back to available stock.")
    record QuarantineRelease(
            @NotNull @Size(min = 1, max = 100) @Pattern(regexp = MovementId.PATTERN) String movementId,
            @NotNull @Size(min = 1, max = 64) @Pattern(regexp = Sku.PATTERN) String sku,
            @NotNull @Size(min = 1, max = 64) @Pattern(regexp = LocationId.PATTERN) String location,
            @NotNull @Positive @Max(MAX_UNITS) Long quantity,
            @NotNull Instant occurredAt,
            @NotNull @Size(min = 1, max = 64) @Pattern(regexp = SourceSystem.PATTERN) String sourceSystem,
            @NotNull @Valid Reference reference,
            @Size(min = 1, max = 32) @Pattern(regexp = ReasonCode.PATTERN) String reasonCode)
            implements MovementRequest {

        @Override
        public MovementCommand toCommand(PositionId position, Quantity units, MovementHeader header) {
            return new ReleaseFromQuarantine(position, units, header);
        }
    }

    @Schema(name = "DamageRequest", description = "Units are found damaged, from available stock or from quarantine.")
    record Damage(
            @NotNull @Size(min = 1, max = 100) @Pattern(regexp = MovementId.PATTERN) String movementId,
            @NotNull @Size(min = 1, max = 64) @Pattern(regexp = Sku.PATTERN) String sku,
            @NotNull @Size(min = 1, max = 64) @Pattern(regexp = LocationId.PATTERN) String location,
            @NotNull @Positive @Max(MAX_UNITS) Long quantity,
            @NotNull Instant occurredAt,
            @NotNull @Size(min = 1, max = 64) @Pattern(regexp = SourceSystem.PATTERN) String sourceSystem,
            @NotNull @Valid Reference reference,
            @Size(min = 1, max = 32) @Pattern(regexp = ReasonCode.PATTERN) String reasonCode,
            @Schema(
                            description = "Take the units from quarantine rather than from available stock.",
                            defaultValue = "false")
                    Boolean fromQuarantine)
            implements MovementRequest {

        @Override
        public MovementCommand toCommand(PositionId position, Quantity units, MovementHeader header) {
            return new DamageStock(position, units, Boolean.TRUE.equals(fromQuarantine), header);
        }
    }

    @Schema(name = "WriteOffRequest", description = "Damaged units are written off and leave on hand.")
    record WriteOff(
            @NotNull @Size(min = 1, max = 100) @Pattern(regexp = MovementId.PATTERN) String movementId,
            @NotNull @Size(min = 1, max = 64) @Pattern(regexp = Sku.PATTERN) String sku,
            @NotNull @Size(min = 1, max = 64) @Pattern(regexp = LocationId.PATTERN) String location,
            @NotNull @Positive @Max(MAX_UNITS) Long quantity,
            @NotNull Instant occurredAt,
            @NotNull @Size(min = 1, max = 64) @Pattern(regexp = SourceSystem.PATTERN) String sourceSystem,
            @NotNull @Valid Reference reference,
            @Size(min = 1, max = 32) @Pattern(regexp = ReasonCode.PATTERN) String reasonCode)
            implements MovementRequest {

        @Override
        public MovementCommand toCommand(PositionId position, Quantity units, MovementHeader header) {
            return new WriteOffStock(position, units, header);
        }
    }

    @Schema(
            name = "TransferOutRequest",
            description = "Available units leave for another location; the movement id identifies the transfer.")
    record TransferOut(
            @NotNull @Size(min = 1, max = 100) @Pattern(regexp = MovementId.PATTERN) String movementId,
            @NotNull @Size(min = 1, max = 64) @Pattern(regexp = Sku.PATTERN) String sku,
            @NotNull @Size(min = 1, max = 64) @Pattern(regexp = LocationId.PATTERN) String location,
            @NotNull @Positive @Max(MAX_UNITS) Long quantity,
            @NotNull Instant occurredAt,
            @NotNull @Size(min = 1, max = 64) @Pattern(regexp = SourceSystem.PATTERN) String sourceSystem,
            @NotNull @Valid Reference reference,
            @Size(min = 1, max = 32) @Pattern(regexp = ReasonCode.PATTERN) String reasonCode,
            @Schema(description = "The location the units go to; not the one they leave.")
                    @NotNull
                    @Size(min = 1, max = 64)
                    @Pattern(regexp = LocationId.PATTERN)
                    String destination)
            implements MovementRequest {

        @Override
        public MovementCommand toCommand(PositionId position, Quantity units, MovementHeader header) {
            return new TransferStockOut(position, units, LocationId.of(destination), header);
        }
    }

    @Schema(
            name = "TransferInRequest",
            description = "Units of a transfer in transit to this location arrive; never more than were dispatched.")
    record TransferIn(
            @NotNull @Size(min = 1, max = 100) @Pattern(regexp = MovementId.PATTERN) String movementId,
            @NotNull @Size(min = 1, max = 64) @Pattern(regexp = Sku.PATTERN) String sku,
            @NotNull @Size(min = 1, max = 64) @Pattern(regexp = LocationId.PATTERN) String location,
            @NotNull @Positive @Max(MAX_UNITS) Long quantity,
            @NotNull Instant occurredAt,
            @NotNull @Size(min = 1, max = 64) @Pattern(regexp = SourceSystem.PATTERN) String sourceSystem,
            @NotNull @Valid Reference reference,
            @Size(min = 1, max = 32) @Pattern(regexp = ReasonCode.PATTERN) String reasonCode,
            @Schema(description = "The movement id of the transfer out.")
                    @NotNull
                    @Size(min = 1, max = 100)
                    @Pattern(regexp = MovementId.PATTERN)
                    String transferId)
            implements MovementRequest {

        @Override
        public MovementCommand toCommand(PositionId position, Quantity units, MovementHeader header) {
            return new TransferStockIn(position, units, MovementId.of(transferId), header);
        }
    }

    @Schema(
            name = "ReturnRequest",
            description = "A customer return comes back to stock or, for inspection, to quarantine.")
    record Return(
            @NotNull @Size(min = 1, max = 100) @Pattern(regexp = MovementId.PATTERN) String movementId,
            @NotNull @Size(min = 1, max = 64) @Pattern(regexp = Sku.PATTERN) String sku,
            @NotNull @Size(min = 1, max = 64) @Pattern(regexp = LocationId.PATTERN) String location,
            @NotNull @Positive @Max(MAX_UNITS) Long quantity,
            @NotNull Instant occurredAt,
            @NotNull @Size(min = 1, max = 64) @Pattern(regexp = SourceSystem.PATTERN) String sourceSystem,
            @NotNull @Valid Reference reference,
            @Size(min = 1, max = 32) @Pattern(regexp = ReasonCode.PATTERN) String reasonCode,
            @Schema(description = "Put the returned units in quarantine.", defaultValue = "false") Boolean toQuarantine)
            implements MovementRequest {

        @Override
        public MovementCommand toCommand(PositionId position, Quantity units, MovementHeader header) {
            return new ReturnStock(position, units, Boolean.TRUE.equals(toQuarantine), header);
        }
    }

    @Schema(
            name = "ShortPickRequest",
            description = "The warehouse could not find units to pick: on hand goes down, possibly below reserved.")
    record ShortPick(
            @NotNull @Size(min = 1, max = 100) @Pattern(regexp = MovementId.PATTERN) String movementId,
            @NotNull @Size(min = 1, max = 64) @Pattern(regexp = Sku.PATTERN) String sku,
            @NotNull @Size(min = 1, max = 64) @Pattern(regexp = LocationId.PATTERN) String location,
            @NotNull @Positive @Max(MAX_UNITS) Long quantity,
            @NotNull Instant occurredAt,
            @NotNull @Size(min = 1, max = 64) @Pattern(regexp = SourceSystem.PATTERN) String sourceSystem,
            @NotNull @Valid Reference reference,
            @Size(min = 1, max = 32) @Pattern(regexp = ReasonCode.PATTERN) String reasonCode)
            implements MovementRequest {

        @Override
        public MovementCommand toCommand(PositionId position, Quantity units, MovementHeader header) {
            return new ReportShortPick(position, units, header);
        }
    }
}
