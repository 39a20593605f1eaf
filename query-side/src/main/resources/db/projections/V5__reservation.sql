-- The reservations projection: every reservation as of its last event, one row per line with what it still holds,
-- what was fulfilled, released and is short, and why a rejected one was refused.
CREATE TABLE reservation (
    reservation_id  VARCHAR(64)                 NOT NULL PRIMARY KEY,
    status          VARCHAR(16)                 NOT NULL,
    channel         VARCHAR(64)                 NOT NULL,
    order_reference VARCHAR(64)                 NOT NULL,
    -- None for a rejected reservation.
    expires_at      TIMESTAMP(9) WITH TIME ZONE NULL,
    placed_at       TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    event_position  BIGINT                      NOT NULL,
    -- The reservation's own event sequence: an event at or below it was applied already.
    last_sequence   BIGINT                      NOT NULL
);

-- One index per equality filter, followed by the reservation id: with the filter's value fixed, the index is already
-- in paging order and a page starts right at its cursor.
CREATE INDEX reservation_by_order_reference ON reservation (order_reference, reservation_id);
CREATE INDEX reservation_by_channel ON reservation (channel, reservation_id);
CREATE INDEX reservation_by_status ON reservation (status, reservation_id);
CREATE INDEX reservation_by_expires_at ON reservation (expires_at);

CREATE TABLE reservation_line (
    reservation_id VARCHAR(64) NOT NULL,
    line_number    INTEGER     NOT NULL,
    sku            VARCHAR(64) NOT NULL,
    location       VARCHAR(64) NOT NULL,
    requested      BIGINT      NOT NULL,
    reserved       BIGINT      NOT NULL,
    fulfilled      BIGINT      NOT NULL,
    released       BIGINT      NOT NULL,
    short_quantity BIGINT      NOT NULL,
    PRIMARY KEY (reservation_id, line_number),
    CONSTRAINT reservation_line_position UNIQUE (reservation_id, sku, location)
);

-- A position's lines that still hold stock: the ones a reservation shortfall of that position concerns.
CREATE INDEX reservation_line_by_position ON reservation_line (sku, location, reserved);

CREATE TABLE reservation_rejection (
    reservation_id   VARCHAR(64)  NOT NULL,
    rejection_number INTEGER      NOT NULL,
    sku              VARCHAR(64)  NOT NULL,
    location         VARCHAR(64)  NOT NULL,
    requested        BIGINT       NOT NULL,
    available        BIGINT       NOT NULL,
    reason           VARCHAR(128) NOT NULL,
    PRIMARY KEY (reservation_id, rejection_number)
);

-- The last reservation shortfall applied per position, by the position's own event sequence: an event at or below
-- it was applied already.
CREATE TABLE reservation_position_shortfall (
    sku           VARCHAR(64) NOT NULL,
    location      VARCHAR(64) NOT NULL,
    shortfall     BIGINT      NOT NULL,
    last_sequence BIGINT      NOT NULL,
    PRIMARY KEY (sku, location)
);
