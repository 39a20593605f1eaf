/** The audit history: one entry per change of a position, its filters, and the trace of a business transaction. */
package io.stockledger.api.audit;
