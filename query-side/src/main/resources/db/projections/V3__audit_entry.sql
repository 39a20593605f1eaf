-- The audit projection: one row per event of a position, with its metadata, the buckets before and after it (in
-- recording order) and its change to each bucket at its own business time.
CREATE TABLE audit_entry (
    global_position    BIGINT                      NOT NULL PRIMARY KEY,
    event_id           VARCHAR(255)                NOT NULL,
    event_type         VARCHAR(64)                 NOT NULL,
    sequence_number    BIGINT                      NOT NULL,
    is_movement        BOOLEAN                     NOT NULL,
    movement_id        VARCHAR(100)                NOT NULL,
    movement_type      VARCHAR(32)                 NULL,
    sku                VARCHAR(64)                 NOT NULL,
    location           VARCHAR(64)                 NOT NULL,
    quantity           BIGINT                      NOT NULL,
    occurred_at        TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    recorded_at        TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    source_system      VARCHAR(64)                 NULL,
    reference_type     VARCHAR(32)                 NULL,
    reference_number   VARCHAR(64)                 NULL,
    reason_code        VARCHAR(32)                 NULL,
    principal          VARCHAR(128)                NULL,
    correlation_id     VARCHAR(128)                NULL,
    before_on_hand     BIGINT                      NOT NULL,
    before_reserved    BIGINT                      NOT NULL,
    before_quarantined BIGINT                      NOT NULL,
    before_damaged     BIGINT                      NOT NULL,
    before_in_transit  BIGINT                      NOT NULL,
    after_on_hand      BIGINT                      NOT NULL,
    after_reserved     BIGINT                      NOT NULL,
    after_quarantined  BIGINT                      NOT NULL,
    after_damaged      BIGINT                      NOT NULL,
    after_in_transit   BIGINT                      NOT NULL,
    change_on_hand     BIGINT                      NOT NULL,
    change_reserved    BIGINT                      NOT NULL,
    change_quarantined BIGINT                      NOT NULL,
    change_damaged     BIGINT                      NOT NULL,
    change_in_transit  BIGINT                      NOT NULL,
    attributes         VARCHAR(4000)               NOT NULL,
    CONSTRAINT audit_entry_event_id UNIQUE (event_id)
);

-- A position's history in recording order, latest first: the buckets before an event are found in one step.
CREATE UNIQUE INDEX audit_entry_position_history ON audit_entry (sku, location, sequence_number DESC);

-- One index per filter, each followed by the global position: with the filter's value fixed, the index is already in
-- paging order and a page starts right at its cursor.
CREATE INDEX audit_entry_by_position ON audit_entry (sku, location, global_position);
CREATE INDEX audit_entry_by_sku ON audit_entry (sku, global_position);
CREATE INDEX audit_entry_by_location ON audit_entry (location, global_position);
CREATE INDEX audit_entry_by_occurred_at ON audit_entry (occurred_at);
CREATE INDEX audit_entry_by_recorded_at ON audit_entry (recorded_at);
CREATE INDEX audit_entry_by_movement_type ON audit_entry (movement_type, global_position);
CREATE INDEX audit_entry_by_movement_id ON audit_entry (movement_id, global_position);
CREATE INDEX audit_entry_by_reference_type ON audit_entry (reference_type, global_position);
CREATE INDEX audit_entry_by_reference_number ON audit_entry (reference_number, global_position);
CREATE INDEX audit_entry_by_principal ON audit_entry (principal, global_position);
CREATE INDEX audit_entry_by_correlation_id ON audit_entry (correlation_id, global_position);

-- Balance as of a business instant: a position's movements in business-time order, and its counts latest first.
CREATE INDEX audit_entry_movements_in_business_time
    ON audit_entry (sku, location, is_movement, occurred_at, sequence_number);
CREATE INDEX audit_entry_counts_latest_first
    ON audit_entry (sku, location, event_type, occurred_at DESC, sequence_number DESC);

-- Each position's movement changes summed per business day (UTC), kept with the audit rows, so that a balance as of
-- any instant adds up days instead of every movement in the position's history.
CREATE TABLE audit_daily_change (
    sku          VARCHAR(64) NOT NULL,
    location     VARCHAR(64) NOT NULL,
    business_day DATE        NOT NULL,
    on_hand      BIGINT      NOT NULL,
    reserved     BIGINT      NOT NULL,
    quarantined  BIGINT      NOT NULL,
    damaged      BIGINT      NOT NULL,
    in_transit   BIGINT      NOT NULL,
    PRIMARY KEY (sku, location, business_day)
);
