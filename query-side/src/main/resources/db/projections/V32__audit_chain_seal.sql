-- A closed period sealed with the hash chain's head: the link of the PeriodClosed event itself, which covers every
-- event linked before it. Publishing a seal lets anyone later prove that nothing before the close was changed.
CREATE TABLE audit_chain_seal (
    period     VARCHAR(7)  NOT NULL PRIMARY KEY,
    chain_seq  BIGINT      NOT NULL,
    event_id   VARCHAR(64) NOT NULL,
    link       CHAR(64)    NOT NULL,
    closed_by  VARCHAR(128) NOT NULL,
    closed_at  TIMESTAMP(9) WITH TIME ZONE NOT NULL
);
