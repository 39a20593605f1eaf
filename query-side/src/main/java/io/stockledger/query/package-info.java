/** The query side of Stockledger: projections rebuilt from the event log and the read API in front of them. */
package io.stockledger.query;
