/**
 * The load generator: concurrent clients posting a realistic mix of movements and reservations against a running
 * ledger, then an invariant check over the query side, a table and a JSON report.
 */
package io.stockledger.load;
