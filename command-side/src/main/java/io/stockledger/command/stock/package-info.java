/**
 * Stock positions: the aggregate that guards every bucket of one SKU at one location through business time, the
 * movement API in front of it, and the ledger-wide movement-id registry.
 */
package io.stockledger.command.stock;
