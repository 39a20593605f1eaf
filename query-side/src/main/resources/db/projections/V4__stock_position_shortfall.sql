-- Each position's reservation shortfall: how many reserved units it cannot deliver now, as the position's last
-- ReservationShortfallChanged said. The ledger records that event whenever the figure changes and keeps it equal to
-- the negative of the available quantity (zero while available is not negative), so rows projected before this
-- column existed take it from their own buckets.
ALTER TABLE stock_position ADD COLUMN shortfall BIGINT DEFAULT 0 NOT NULL;

UPDATE stock_position SET shortfall = GREATEST(0, -available);
