/**
 * Finance: ledger periods, their close, period balances in quantity and value, and the roll-forward check.
 */
package io.stockledger.api.finance;
