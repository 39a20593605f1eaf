/** How every process opens the ledger's H2 databases: their password, and H2's servers kept on loopback. */
package io.stockledger.store;
