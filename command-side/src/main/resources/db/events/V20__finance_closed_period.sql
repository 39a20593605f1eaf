-- Every closed ledger period; written in the transaction that records PeriodClosed, read at start-up for the
-- closed-through watermark that movements are checked against.
CREATE TABLE finance_closed_period (
    period    CHAR(7)                  NOT NULL PRIMARY KEY,
    closed_by VARCHAR(128)             NOT NULL,
    closed_at TIMESTAMP WITH TIME ZONE NOT NULL
);
