-- Documents the reading worker could not read safely (it crashed, ran out of memory or time):
-- kept per file content so a sync does not read the same hostile file again on every run; the
-- consultant may retry. Local to this laptop (not in the team's SYNCED_TABLES): each laptop
-- learns it by trying.
CREATE TABLE reading_failure (
    sha256 TEXT PRIMARY KEY NOT NULL CHECK (length(sha256) = 64),
    reason TEXT NOT NULL,
    failed_at TEXT NOT NULL
) STRICT;

-- The file says it is a Tenderwacht store ("TWac"): a backup whose database lacks it (made before
-- this version, or not by Tenderwacht) is checked by its schema alone.
PRAGMA application_id = 1415012707;
