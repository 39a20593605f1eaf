-- When each confirmed reservation expires; written in the same transaction as the reservation's events, read by
-- the expiry sweep. A persistent deadline: what was due while the ledger was down expires at start-up.
CREATE TABLE reservation_expiry (
    reservation_id VARCHAR(100)             NOT NULL PRIMARY KEY,
    expires_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX reservation_expiry_due ON reservation_expiry (expires_at);
