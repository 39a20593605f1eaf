-- The tamper-evident hash chain over the event log, beside the audit history. One link per event, in the order the
-- chain projection received them: content_hash covers the event's identity, type, revision, timestamp, aggregate,
-- payload and metadata; link = SHA-256(previous link || content_hash), the first link chained to 64 zeros.
CREATE TABLE audit_chain (
    chain_seq    BIGINT      NOT NULL PRIMARY KEY,
    global_index BIGINT      NOT NULL,
    event_id     VARCHAR(64) NOT NULL,
    content_hash CHAR(64)    NOT NULL,
    link         CHAR(64)    NOT NULL,
    CONSTRAINT audit_chain_event UNIQUE (event_id)
);
CREATE INDEX audit_chain_global_index ON audit_chain (global_index);
