-- A team key that can be renewed: which generation of the key this laptop holds (1 for the key
-- the team was set up with), and the laptops the team removed or that left, as this laptop
-- learned it (local bookkeeping, not synced: each laptop learns it from the shared folder).
ALTER TABLE team_self ADD COLUMN key_epoch INTEGER NOT NULL DEFAULT 1 CHECK (key_epoch >= 1);
ALTER TABLE team_device ADD COLUMN removed_at TEXT;
ALTER TABLE team_device ADD COLUMN left_at TEXT;
-- A renewal of the key this laptop made that is not yet in the shared folder (written there at
-- the next sync round; kept so that a crash between the two cannot leave the team without the key).
ALTER TABLE team_self ADD COLUMN pending_renewal TEXT;
