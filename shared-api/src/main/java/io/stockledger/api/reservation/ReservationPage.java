package io.stockledger.api.reservation;

import java.util.List;

/** A page of reservations; {@code next} is the cursor of the following page, null on the last one. */
public record ReservationPage(List<ReservationView> items, String next) {}
