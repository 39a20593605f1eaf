/** What the command side tells operators: command rate, latency and outcome as meters, with the request's log context. */
package io.stockledger.command.platform.observability;
