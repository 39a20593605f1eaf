-- A transfer is one movement with two ends: both its transfer out and its transfers in name it, so a revaluation of
-- the transfer out at its source reaches its receipts at the destination. Transfers in booked before this column
-- existed have none: a rebuild of the finance projection (POST /api/v1/projections/finance/rebuilds) links them.
ALTER TABLE finance_movement ADD COLUMN transfer_id VARCHAR(128);

UPDATE finance_movement SET transfer_id = movement_id WHERE category = 'TRANSFER_OUT';

CREATE INDEX finance_movement_by_transfer ON finance_movement (transfer_id, global_index);
