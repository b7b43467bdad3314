-- A team of laptops sharing one truth through a shared folder (core::team). Everything here is
-- this laptop's own bookkeeping and never travels itself: only the user-data tables named in
-- core::team::SYNCED_TABLES do, as SQLite changesets.

-- Who this laptop is in its team: no row before `team init` / `team join`, one after.
CREATE TABLE team_self (
    only         INTEGER PRIMARY KEY NOT NULL CHECK (only = 1),
    team_id      TEXT NOT NULL,
    team_name    TEXT NOT NULL CHECK (length(trim(team_name)) > 0),
    device_id    TEXT NOT NULL,
    device_name  TEXT NOT NULL CHECK (length(trim(device_name)) > 0),
    folder       TEXT NOT NULL,
    team_key     TEXT NOT NULL CHECK (length(team_key) = 64),
    hlc          INTEGER NOT NULL DEFAULT 0,
    next_seq     INTEGER NOT NULL DEFAULT 1 CHECK (next_seq > 0),
    joined_at    TEXT NOT NULL,
    last_sync_at TEXT
) STRICT;

-- The change log: every changeset of every device, applied in (hlc, device_id, seq) order.
-- `changeset` is what the device recorded; `effective` is what applying it did to this store
-- (its inverse undoes it exactly when a late file must be slotted in before it), NULL when that
-- is the changeset itself (this laptop's own writes, not stored twice).
CREATE TABLE team_entry (
    device_id      TEXT NOT NULL,
    seq            INTEGER NOT NULL CHECK (seq > 0),
    hlc            INTEGER NOT NULL,
    schema_version INTEGER NOT NULL,
    changeset      BLOB NOT NULL,
    effective      BLOB,
    exported       INTEGER NOT NULL DEFAULT 0 CHECK (exported = 0 OR exported = 1),
    recorded_at    TEXT NOT NULL,
    PRIMARY KEY (device_id, seq)
) STRICT;
CREATE INDEX team_entry_order ON team_entry (hlc, device_id, seq);
CREATE INDEX team_entry_unexported ON team_entry (device_id, seq) WHERE exported = 0;

-- The team's devices as seen through their files.
CREATE TABLE team_device (
    device_id      TEXT PRIMARY KEY NOT NULL,
    name           TEXT NOT NULL,
    schema_version INTEGER NOT NULL DEFAULT 0,
    last_seq       INTEGER NOT NULL DEFAULT 0,
    last_hlc       INTEGER NOT NULL DEFAULT 0,
    last_seen_at   TEXT
) STRICT;

-- What applying an entry overwrote, dropped or refused; recomputed whenever the entry is
-- replayed, so every laptop holds the same list.
CREATE TABLE team_conflict (
    id          TEXT PRIMARY KEY NOT NULL,
    device_id   TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    kind        TEXT NOT NULL CHECK (kind = 'overschreven' OR kind = 'vervallen' OR kind = 'geweigerd' OR kind = 'verwijderd'),
    table_name  TEXT NOT NULL,
    row_key     TEXT NOT NULL,
    column_name TEXT NOT NULL DEFAULT '',
    kept_value  TEXT,
    lost_value  TEXT,
    lost_device TEXT NOT NULL DEFAULT '',
    lost_hlc    INTEGER NOT NULL DEFAULT 0,
    won_hlc     INTEGER NOT NULL,
    FOREIGN KEY (device_id, seq) REFERENCES team_entry (device_id, seq) ON DELETE CASCADE
) STRICT;
CREATE INDEX team_conflict_entry ON team_conflict (device_id, seq);

-- The consultant's answer to a conflict (kept apart: conflicts are recomputed on replay).
CREATE TABLE team_conflict_resolution (
    conflict_id TEXT PRIMARY KEY NOT NULL,
    resolution  TEXT NOT NULL CHECK (resolution = 'geaccepteerd' OR resolution = 'hersteld'),
    resolved_at TEXT NOT NULL
) STRICT;

-- Files in the shared folder that could not be applied (yet), with the reason.
CREATE TABLE team_file_waiting (
    name       TEXT PRIMARY KEY NOT NULL,
    reason     TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen  TEXT NOT NULL
) STRICT;

-- Document files already put in the shared folder (content-addressed, sent once).
CREATE TABLE team_blob_sent (
    sha256  TEXT PRIMARY KEY NOT NULL,
    sent_at TEXT NOT NULL
) STRICT;
