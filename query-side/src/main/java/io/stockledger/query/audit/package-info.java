/**
 * The audit trail: one entry per change of a position with every metadata field and the buckets before and after,
 * its filters and traces, and balances as of any business instant computed from it.
 */
package io.stockledger.query.audit;
