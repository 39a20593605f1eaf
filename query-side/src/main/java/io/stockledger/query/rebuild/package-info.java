/** Projection rebuilds without downtime: a shadow generation replayed from the log, verified, then switched in. */
package io.stockledger.query.rebuild;
