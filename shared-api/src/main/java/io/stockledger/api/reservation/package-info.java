/**
 * Reservations: stock held for an order across one or more positions, all or nothing, until it is fulfilled,
 * released or expires; the commands, the events of the reservation itself, and the queries that read it.
 */
package io.stockledger.api.reservation;
