-- The units each channel's reservations have backordered on a position (beyond available stock, as its policy
-- allows), as the position's last backorder event said: shown beside available-to-sell, never taken from it.
CREATE TABLE channel_backorder (
    sku         VARCHAR(64) NOT NULL,
    location    VARCHAR(64) NOT NULL,
    channel     VARCHAR(64) NOT NULL,
    backordered BIGINT      NOT NULL,
    PRIMARY KEY (sku, location, channel)
);
