/** Moving up: copies an embedded store's event history into Axon Server, event for event. */
package io.stockledger.migration;
