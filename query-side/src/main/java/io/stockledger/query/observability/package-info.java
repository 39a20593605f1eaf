/** What the query side tells operators: projection lag and dead letters as meters, health and an API; log context. */
package io.stockledger.query.observability;
