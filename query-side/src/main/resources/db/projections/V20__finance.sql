-- The finance projection: every on-hand movement with its value at moving average cost, and per position and
-- ledger period the opening, the movements by kind and the closing, in quantity and value. Rows exist only for
-- periods with movements; a period without any carries the previous closing.
CREATE TABLE finance_movement (
    sku            VARCHAR(64)                 NOT NULL,
    location       VARCHAR(64)                 NOT NULL,
    global_index   BIGINT                      NOT NULL,
    movement_id    VARCHAR(128)                NOT NULL,
    category       VARCHAR(16)                 NOT NULL,
    reason         VARCHAR(64),
    occurred_at    TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    booked_at      TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    period         CHAR(7)                     NOT NULL,
    late           BOOLEAN                     NOT NULL,
    quantity       BIGINT                      NOT NULL,
    unit_cost      DECIMAL(30, 6),
    amount         DECIMAL(30, 6)              NOT NULL,
    quantity_after BIGINT                      NOT NULL,
    value_after    DECIMAL(30, 6)              NOT NULL,
    average_cost   DECIMAL(30, 6)              NOT NULL,
    PRIMARY KEY (sku, location, global_index)
);

CREATE INDEX finance_movement_timeline ON finance_movement (sku, location, booked_at, global_index);
CREATE INDEX finance_movement_by_id ON finance_movement (movement_id);
CREATE INDEX finance_movement_late ON finance_movement (period, late);

CREATE TABLE finance_period (
    sku                     VARCHAR(64)    NOT NULL,
    location                VARCHAR(64)    NOT NULL,
    period                  CHAR(7)        NOT NULL,
    opening_quantity        BIGINT         NOT NULL,
    receipts_quantity       BIGINT         NOT NULL,
    shipments_quantity      BIGINT         NOT NULL,
    transfers_in_quantity   BIGINT         NOT NULL,
    transfers_out_quantity  BIGINT         NOT NULL,
    returns_quantity        BIGINT         NOT NULL,
    adjustments_quantity    BIGINT         NOT NULL,
    write_offs_quantity     BIGINT         NOT NULL,
    closing_quantity        BIGINT         NOT NULL,
    opening_value           DECIMAL(30, 6) NOT NULL,
    receipts_value          DECIMAL(30, 6) NOT NULL,
    shipments_value         DECIMAL(30, 6) NOT NULL,
    transfers_in_value      DECIMAL(30, 6) NOT NULL,
    transfers_out_value     DECIMAL(30, 6) NOT NULL,
    returns_value           DECIMAL(30, 6) NOT NULL,
    adjustments_value       DECIMAL(30, 6) NOT NULL,
    write_offs_value        DECIMAL(30, 6) NOT NULL,
    closing_value           DECIMAL(30, 6) NOT NULL,
    PRIMARY KEY (sku, location, period)
);

CREATE INDEX finance_period_by_period ON finance_period (period, sku, location);

CREATE TABLE finance_period_reason (
    sku      VARCHAR(64)    NOT NULL,
    location VARCHAR(64)    NOT NULL,
    period   CHAR(7)        NOT NULL,
    reason   VARCHAR(64)    NOT NULL,
    quantity BIGINT         NOT NULL,
    amount   DECIMAL(30, 6) NOT NULL,
    PRIMARY KEY (sku, location, period, reason)
);

CREATE INDEX finance_period_reason_by_period ON finance_period_reason (period);

CREATE TABLE finance_period_close (
    period    CHAR(7)                     NOT NULL PRIMARY KEY,
    closed_by VARCHAR(128)                NOT NULL,
    closed_at TIMESTAMP(9) WITH TIME ZONE NOT NULL
);
