-- Each position's backordered units: the parts of reservation lines beyond available stock that channel policies let
-- reservations backorder, in no bucket. Positions projected before backorders existed had none.
ALTER TABLE stock_position ADD COLUMN backordered BIGINT DEFAULT 0 NOT NULL;
