/** How the command side runs: Axon's serializer, store and clock, and the translation of refusals. */
package io.stockledger.command.platform;
