/** Value types shared by every feature of the contract: identifiers, quantities and the provenance of a movement. */
package io.stockledger.api.common;
