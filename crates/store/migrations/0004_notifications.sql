-- Desktop notifications already shown, so each action or change is announced once (also across
-- restarts and on every laptop that shares the store). Keyed by what was announced.
CREATE TABLE notification_sent (
    key     TEXT PRIMARY KEY NOT NULL,
    sent_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;
