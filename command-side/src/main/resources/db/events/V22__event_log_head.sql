-- How far the event log is on disk: the highest global index whose events were synced to disk by the command side
-- (platform.DurableLog), moved after every group commit. Every reader of the log (the query side, the command side's
-- own tracking processors) reads only events at or below it, so none sees an event a crash could still take back.
-- One row; without a row (a store no command side writes to) the log is read whole.
CREATE TABLE event_log_head (
    id             INT    NOT NULL PRIMARY KEY CHECK (id = 1),
    durable_index  BIGINT NOT NULL
);

INSERT INTO event_log_head (id, durable_index) SELECT 1, COALESCE(MAX(globalIndex), -1) FROM DomainEventEntry;
