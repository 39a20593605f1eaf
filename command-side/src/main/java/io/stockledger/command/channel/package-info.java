/** Sales channels: their policies (recorded by the {@code Channel} aggregate) and their quotas on positions. */
package io.stockledger.command.channel;
