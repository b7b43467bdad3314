-- A team key that can be renewed: which generation of the key this laptop holds (1 for the key
-- the team was set up with), and the laptops the team removed or that left, as this laptop
-- learned it (local bookkeeping, not synced: each laptop learns it from the shared folder).
ALTER TABLE team_self ADD COLUMN key_epoch INTEGER NOT NULL DEFAULT 1 CHECK (key_epoch >= 1);
ALTER TABLE team_device ADD COLUMN removed_at TEXT;
ALTER TABLE team_device ADD COLUMN left_at TEXT;
-- A renewal of the key this laptop made that is not yet in the shared folder (written there at
-- the next sync round; kept so that a crash between the two cannot leave the team without the key).
ALTER TABLE team_self ADD COLUMN pending_renewal TEXT;
-- Erasure that reaches the shared folder: what each teammate said it holds of every laptop's
-- changes (from its device file, JSON), and the entries pruned from this log once every laptop
-- held them past the horizon (entries up to `floor` count as held).
ALTER TABLE team_device ADD COLUMN held TEXT;
ALTER TABLE team_device ADD COLUMN floor INTEGER NOT NULL DEFAULT 0;
-- Document files no record refers to any more (their document was deleted): noticed with what
-- this laptop held then; their sealed file leaves the folder, and this laptop, once every
-- laptop of the team holds that much.
CREATE TABLE team_blob_gone (
    sha256     TEXT PRIMARY KEY NOT NULL CHECK (length(sha256) = 64),
    noticed_at TEXT NOT NULL,
    held       TEXT NOT NULL,
    erased_at  TEXT
) STRICT;
