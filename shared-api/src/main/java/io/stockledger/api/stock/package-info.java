/**
 * Stock positions and the movements that change them: the commands services send, the events the ledger
 * records, and the queries and views that read positions back.
 */
package io.stockledger.api.stock;
