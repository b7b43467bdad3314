-- Choices made on this laptop only, for this laptop (not in the team's SYNCED_TABLES): whether
-- Tenderwacht looks for updates, and when it last did. One row per choice, named by its key.
CREATE TABLE device_setting (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
