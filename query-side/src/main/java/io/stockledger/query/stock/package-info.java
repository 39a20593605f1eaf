/** Stock positions as recorded: the positions projection, its queries and the position resources of the API. */
package io.stockledger.query.stock;
