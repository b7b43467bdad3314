-- Providers' documents that arrived (dropped, from a folder, attached to an e-mail) and wait for
-- the consultant: the file's hash (the file itself is among the store's files, but not in `blob`,
-- so nothing is shared with the team before it is confirmed), where it came from, and what was
-- read from it. This laptop's own work queue: not part of the team's change log.
CREATE TABLE intake (
    id           TEXT PRIMARY KEY NOT NULL,
    sha256       TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
    file_name    TEXT NOT NULL,
    source       TEXT NOT NULL DEFAULT '',
    sender       TEXT NOT NULL DEFAULT '',
    facts        TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'confirmed', 'discarded')),
    document_id  TEXT,
    created_at   TEXT NOT NULL
) STRICT;
CREATE INDEX intake_status ON intake (status, created_at);
