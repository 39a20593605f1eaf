/** Finance: period balances in quantity and value at moving average cost, period closes, the roll-forward check. */
package io.stockledger.query.finance;
