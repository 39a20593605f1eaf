package io.stockledger.api.finance;

import java.time.Instant;
import java.time.YearMonth;
import java.util.Map;

/**
 * A movement dated inside a closed period that the caller asked to book into the first open period: it keeps its
 * business time ({@code occurredAt}) and is booked into {@code period} at {@code bookedAt}, the first instant of that
 * period. The booking travels as metadata of the movement's events, under {@link #PERIOD} and {@link #BOOKED_AT}.
 */
public record PeriodBooking(YearMonth period, Instant bookedAt) {

    public static final String PERIOD = "bookedPeriod";
    public static final String BOOKED_AT = "bookedAt";

    public Map<String, String> asMetaData() {
        return Map.of(PERIOD, period.toString(), BOOKED_AT, bookedAt.toString());
    }

    /** The booking in an event's metadata values, or null when the event was booked by its own business time. */
    public static PeriodBooking fromMetaData(Object period, Object bookedAt) {
        if (period == null || bookedAt == null) {
            return null;
        }
        return new PeriodBooking(YearMonth.parse(period.toString()), Instant.parse(bookedAt.toString()));
    }
}
