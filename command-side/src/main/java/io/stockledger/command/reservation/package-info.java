/**
 * Reservations: the aggregate that keeps each reservation's lines and lifecycle, the desk that holds, gives back
 * and ships the reserved stock of all its positions in one unit of work, and the expiry sweep.
 */
package io.stockledger.command.reservation;
