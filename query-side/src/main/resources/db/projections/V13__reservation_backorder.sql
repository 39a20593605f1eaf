-- Per reservation line, the units backordered on its position (beyond available stock, as the channel's policy
-- allows), as the position's last backorder event said: StockBackordered, BackorderFilled, BackorderReleased. The
-- line's reserved column keeps all it holds; the view tells the backordered part apart.
CREATE TABLE reservation_backorder (
    reservation_id VARCHAR(64) NOT NULL,
    sku            VARCHAR(64) NOT NULL,
    location       VARCHAR(64) NOT NULL,
    backordered    BIGINT      NOT NULL,
    -- The position's event sequence of that event: an event at or below it was applied already.
    last_sequence  BIGINT      NOT NULL,
    PRIMARY KEY (reservation_id, sku, location)
);
