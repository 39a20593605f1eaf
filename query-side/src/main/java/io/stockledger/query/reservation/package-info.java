/**
 * Reservations as recorded: the reservations projection (status, lines, shortfalls, expiry), its queries and the
 * reservation resources of the API.
 */
package io.stockledger.query.reservation;
