/** The operations console: static pages under /console that call the query side's API with the user's client. */
package io.stockledger.query.console;
