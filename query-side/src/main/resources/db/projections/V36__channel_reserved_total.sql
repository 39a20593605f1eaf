-- What each channel holds reserved on a position, kept as a running total beside the reservations it sums
-- (channel_reserved), so that recomputing a SKU's availability reads one row per position and channel instead of
-- summing every open reservation on it (that sum was half of the channel-availability processor's time under the
-- distributor day: docs/performance.md). Written in the same statements' transaction as channel_reserved.
CREATE TABLE channel_reserved_total (
    sku      VARCHAR(64) NOT NULL,
    location VARCHAR(64) NOT NULL,
    channel  VARCHAR(64) NOT NULL,
    quantity BIGINT      NOT NULL,
    PRIMARY KEY (sku, location, channel)
);

INSERT INTO channel_reserved_total (sku, location, channel, quantity)
SELECT sku, location, channel, SUM(quantity) FROM channel_reserved GROUP BY sku, location, channel;
