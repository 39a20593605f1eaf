package io.stockledger.api.reservation;

import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Quantity;

/**
 * Why one line of a reservation could not be reserved: {@code reason} is a stable code (for now
 * {@code insufficient-available-stock}), {@code available} what the position could offer at that moment.
 */
public record LineRejection(PositionId positionId, Quantity requested, Quantity available, String reason) {}
