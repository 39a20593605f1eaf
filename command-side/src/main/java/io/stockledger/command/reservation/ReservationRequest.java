package io.stockledger.command.reservation;

import io.stockledger.api.common.ChannelId;
import io.stockledger.api.common.LocationId;
import io.stockledger.api.common.MovementId;
import io.stockledger.api.common.OrderReference;
import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Quantity;
import io.stockledger.api.common.ReferenceDocument;
import io.stockledger.api.common.ReservationId;
import io.stockledger.api.common.Sku;
import io.stockledger.api.common.SourceSystem;
import io.stockledger.api.reservation.ReservationLine;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The bodies of the reservation API. Bean validation checks the form; the value types and commands the rest. */
final class ReservationRequest {

    /** The most units one line may hold; keeps every balance far from the limits of a long. */
    static final long MAX_UNITS = 1_000_000_000L;

    /** The longest a reservation may be held or extended by at once: 30 days. */
    static final long MAX_TTL_SECONDS = 2_592_000L;

    /** The most lines one reservation may have. */
    static final int MAX_LINES = 200;

    private ReservationRequest() {}

    @Schema(name = "ReservationLineRequest", description = "Units of one SKU at one location.")
    record Line(
            @Schema(example = "WIDGET-EA") @NotNull @Size(min = 1, max = 64) @Pattern(regexp = Sku.PATTERN) String sku,
            @Schema(example = "DC1") @NotNull @Size(min = 1, max = 64) @Pattern(regexp = LocationId.PATTERN)
                    String location,
            @Schema(example = "2") @NotNull @Positive @Max(MAX_UNITS) Long quantity) {

        ReservationLine toLine() {
            return new ReservationLine(PositionId.of(sku, location), Quantity.of(quantity));
        }

        static List<ReservationLine> toLines(List<Line> lines) {
            return lines == null ? List.of() : lines.stream().map(Line::toLine).toList();
        }
    }

    @Schema(name = "Reference", description = "The business document, e.g. an order, an ASN, a count sheet.")
    record Reference(
            @Schema(example = "ORDER")
                    @NotNull
                    @Size(min = 1, max = 32)
                    @Pattern(regexp = ReferenceDocument.TYPE_PATTERN)
                    String type,
            @Schema(example = "SO-1001")
                    @NotNull
                    @Size(min = 1, max = 64)
                    @Pattern(regexp = ReferenceDocument.NUMBER_PATTERN)
                    String number) {

        ReferenceDocument toDocument() {
            return new ReferenceDocument(type, number);
        }
    }

    @Schema(
            name = "PlaceReservationRequest",
            description = "Hold stock for an order on every line, all or nothing. Give expiresAt or ttlSeconds,"
                    + " or neither for the default time to live.")
    record Place(
            @Schema(example = "R-1001") @NotNull @Size(min = 1, max = 64) @Pattern(regexp = ReservationId.PATTERN)
                    String reservationId,
            @Schema(example = "web") @NotNull @Size(min = 1, max = 64) @Pattern(regexp = ChannelId.PATTERN)
                    String channel,
            @Schema(example = "SO-1001") @NotNull @Size(min = 1, max = 64) @Pattern(regexp = OrderReference.PATTERN)
                    String orderReference,
            @Schema(example = "webshop") @NotNull @Size(min = 1, max = 64) @Pattern(regexp = SourceSystem.PATTERN)
                    String sourceSystem,
            @NotNull @Size(min = 1, max = MAX_LINES) List<@NotNull @Valid Line> lines,
            Instant expiresAt,
            @Positive @Max(MAX_TTL_SECONDS) Long ttlSeconds) {}

    @Schema(
            name = "ReleaseReservationRequest",
            description = "Give reserved units back: the given lines (whole or part), or everything when none.")
    record Release(
            @Size(max = MAX_LINES) List<@NotNull @Valid Line> lines,
            @Schema(example = "oms") @Size(min = 1, max = 64) @Pattern(regexp = SourceSystem.PATTERN)
                    String sourceSystem) {}

    @Schema(
            name = "FulfilReservationRequest",
            description = "Ship reserved units: the given lines (whole or part), or everything still held when"
                    + " none. The movement id identifies the shipment; occurredAt defaults to now.")
    record Fulfil(
            @Schema(example = "SHIP-1001") @NotNull @Size(min = 1, max = 100) @Pattern(regexp = MovementId.PATTERN)
                    String movementId,
            Instant occurredAt,
            @Schema(example = "wms-dc1") @NotNull @Size(min = 1, max = 64) @Pattern(regexp = SourceSystem.PATTERN)
                    String sourceSystem,
            @Valid Reference reference,
            @Size(max = MAX_LINES) List<@NotNull @Valid Line> lines) {}

    @Schema(name = "ExtendReservationRequest", description = "Move the expiry later: give expiresAt or ttlSeconds.")
    record Extend(
            Instant expiresAt,
            @Positive @Max(MAX_TTL_SECONDS) Long ttlSeconds,
            @Schema(example = "oms") @Size(min = 1, max = 64) @Pattern(regexp = SourceSystem.PATTERN)
                    String sourceSystem) {}

    /** The expiry a request asks for: an instant, a time to live from {@code now}, or {@code otherwise}. */
    static Instant expiry(Instant expiresAt, Long ttlSeconds, Instant now, Duration otherwise) {
        if (expiresAt != null && ttlSeconds != null) {
            throw new IllegalArgumentException("give expiresAt or ttlSeconds, not both");
        }
        if (expiresAt != null) {
            if (expiresAt.isAfter(now.plusSeconds(MAX_TTL_SECONDS))) {
                throw new IllegalArgumentException("expiresAt must be at most 30 days (2592000 seconds) from now");
            }
            return expiresAt;
        }
        if (ttlSeconds != null) {
            return now.plusSeconds(ttlSeconds);
        }
        if (otherwise == null) {
            throw new IllegalArgumentException("give expiresAt or ttlSeconds");
        }
        return now.plus(otherwise);
    }
}
