-- The positions projection: every position's buckets as of its last event in recording order.
CREATE TABLE stock_position (
    sku              VARCHAR(64)                 NOT NULL,
    location         VARCHAR(64)                 NOT NULL,
    on_hand          BIGINT                      NOT NULL,
    reserved         BIGINT                      NOT NULL,
    quarantined      BIGINT                      NOT NULL,
    damaged          BIGINT                      NOT NULL,
    in_transit       BIGINT                      NOT NULL,
    available        BIGINT                      NOT NULL,
    last_occurred_at TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    last_recorded_at TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    event_position   BIGINT                      NOT NULL,
    last_sequence    BIGINT                      NOT NULL,
    PRIMARY KEY (sku, location)
);

CREATE INDEX stock_position_by_location ON stock_position (location, sku);
