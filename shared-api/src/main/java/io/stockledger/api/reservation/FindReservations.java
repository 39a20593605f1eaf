package io.stockledger.api.reservation;

import io.stockledger.api.common.ChannelId;
import io.stockledger.api.common.OrderReference;
import java.time.Instant;

/**
 * Reservations matching every given filter (each optional), ordered by reservation id. The expiry window is
 * half-open: {@code expiresFrom} inclusive, {@code expiresTo} exclusive; a rejected reservation has no expiry and
 * is outside every window. {@code after} is the opaque cursor of the previous page (null for the first),
 * {@code limit} 1 to 1000.
 */
public record FindReservations(
        OrderReference orderReference,
        ChannelId channel,
        ReservationStatus status,
        Instant expiresFrom,
        Instant expiresTo,
        String after,
        int limit) {

    public static final int MAX_LIMIT = 1000;

    public FindReservations {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
    }
}
