/** Dead letters: events a projection failed on, parked per sequence, listed, retried and evicted by operators. */
package io.stockledger.query.deadletter;
