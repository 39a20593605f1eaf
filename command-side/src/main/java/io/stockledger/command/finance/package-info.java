/** Finance on the command side: closing ledger periods, and keeping every movement out of a closed one. */
package io.stockledger.command.finance;
