-- ERP reconciliation runs: uploaded by finance, not derived from events, so not a projection and never rebuilt or
-- cleared with the projections. Each run keeps who uploaded what (SHA-256 of the input), when, and every line's class.
CREATE TABLE reconciliation_run (
    run_id            VARCHAR(36)                 NOT NULL PRIMARY KEY,
    uploaded_by       VARCHAR(128)                NOT NULL,
    uploaded_at       TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    input_format      VARCHAR(8)                  NOT NULL,
    input_sha256      CHAR(64)                    NOT NULL,
    periods           VARCHAR(1024)               NOT NULL,
    erp_lines         INT                         NOT NULL,
    matched           INT                         NOT NULL,
    differing         INT                         NOT NULL,
    missing_in_ledger INT                         NOT NULL,
    missing_in_erp    INT                         NOT NULL,
    erp_quantity      BIGINT                      NOT NULL,
    ledger_quantity   BIGINT                      NOT NULL,
    erp_value         DECIMAL(30, 6)              NOT NULL,
    ledger_value      DECIMAL(30, 6)              NOT NULL
);

CREATE INDEX reconciliation_run_by_time ON reconciliation_run (uploaded_at);

CREATE TABLE reconciliation_line (
    run_id              VARCHAR(36)    NOT NULL,
    line_no             INT            NOT NULL,
    sku                 VARCHAR(64)    NOT NULL,
    location            VARCHAR(64)    NOT NULL,
    period              CHAR(7)        NOT NULL,
    status              VARCHAR(20)    NOT NULL,
    erp_quantity        BIGINT,
    ledger_quantity     BIGINT,
    quantity_difference BIGINT,
    erp_value           DECIMAL(30, 6),
    ledger_value        DECIMAL(30, 6),
    value_difference    DECIMAL(30, 6),
    PRIMARY KEY (run_id, line_no)
);
