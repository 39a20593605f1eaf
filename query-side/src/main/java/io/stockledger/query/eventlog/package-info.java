/**
 * The ledger's event log as the query side sees it: the command side's event store, read through Axon only, and the
 * tracking processors that feed every projection from it.
 */
package io.stockledger.query.eventlog;
