-- Every movement id the ledger has recorded, with what its first answer said. A row is written in the transaction
-- that appends the movement's event (a subscribing event processor), so the primary key makes a movement id
-- unique across the whole ledger: a second insert of the same id fails and rolls its event back.
CREATE TABLE movement_registry (
    movement_id   VARCHAR(100)                NOT NULL,
    movement_type VARCHAR(32)                 NOT NULL,
    position_id   VARCHAR(129)                NOT NULL,
    -- SHA-256 (hex) of the command as canonical JSON, correlation id left out: same fingerprint, same movement.
    fingerprint   CHAR(64)                    NOT NULL,
    quantity      BIGINT                      NOT NULL,
    occurred_at   TIMESTAMP(3) WITH TIME ZONE NOT NULL,
    recorded_at   TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    PRIMARY KEY (movement_id)
);
