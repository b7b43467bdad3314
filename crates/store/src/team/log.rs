//! The team's change log in the store: every local write transaction records its SQLite
//! changeset (session extension) and keeps it in the same transaction, so a crash loses nothing
//! and nothing is sent twice; plus the bookkeeping of devices, waiting files and sent blobs.

use crate::error::{Result, StoreError};
use crate::{col_moment_opt, now_db, Store};
use rusqlite::session::Session;
use rusqlite::{params, OptionalExtension, Transaction};
use tenderwacht_domain::team::{hlc_next, Entry, Membership, TeamDevice, SYNCED_TABLES};

/// What `team_self.team_key` holds once the key lives in the keychain: 64 dashes, no key.
const KEY_ELSEWHERE: &str = "----------------------------------------------------------------";

impl Store {
    /// Runs `f` in one transaction; when this laptop is in a team, the changes it makes to the
    /// synced tables become the next entry of this device's log, stored before the commit.
    pub(crate) fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let recording = self.team_device.is_some();
        let tx = self.conn.transaction()?;
        let out = if recording {
            let mut session = Session::new(&tx)?;
            for table in SYNCED_TABLES {
                session.attach(Some(*table))?;
            }
            let out = f(&tx)?;
            let mut changeset = vec![];
            if !session.is_empty() {
                session.changeset_strm(&mut changeset)?;
            }
            drop(session);
            if !changeset.is_empty() {
                record_entry(&tx, &changeset)?;
            }
            out
        } else {
            f(&tx)?
        };
        tx.commit()?;
        Ok(out)
    }

    /// This laptop's team, if it is in one.
    pub fn membership(&self) -> Result<Option<Membership>> {
        self.conn
            .query_row(
                "SELECT team_id, team_name, device_id, device_name, folder, team_key, last_sync_at, key_home, key_epoch FROM team_self",
                [],
                |r| {
                    Ok(Membership {
                        team_id: r.get(0)?,
                        team_name: r.get(1)?,
                        device_id: r.get(2)?,
                        device_name: r.get(3)?,
                        folder: r.get(4)?,
                        key_hex: r.get(5)?,
                        last_sync_at: col_moment_opt(r, 6)?,
                        key_in_keychain: r.get::<_, String>(7)? == "keychain",
                        key_epoch: r.get(8)?,
                    })
                },
            )
            .optional()
            .map_err(Into::into)
    }

    /// Makes this store a member of a team (after `team init`, or after a joining laptop took the
    /// first one's snapshot): from now on every write is recorded. A snapshot carries the other
    /// laptop's membership; it is replaced, the log and conflicts it carries are kept.
    pub fn become_member(&mut self, m: &Membership) -> Result<()> {
        // Always with the key itself: a snapshot's membership (another laptop's) is replaced, and
        // this laptop moves its key to its own keychain afterwards.
        if m.key_hex.len() != 64 {
            return Err(StoreError::invalid("teamsleutel", "moet 64 tekens lang zijn"));
        }
        let tx = self.conn.transaction()?;
        let hlc: i64 = tx.query_row("SELECT coalesce(max(hlc), 0) FROM team_entry", [], |r| r.get(0))?;
        tx.execute("DELETE FROM team_self", [])?;
        tx.execute(
            "INSERT INTO team_self (only, team_id, team_name, device_id, device_name, folder, team_key, hlc, next_seq, joined_at, key_epoch)
             VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, 1, ?8, ?9)",
            params![m.team_id, m.team_name.trim(), m.device_id, m.device_name.trim(), m.folder, m.key_hex, hlc, now_db(), m.key_epoch.max(1)],
        )?;
        tx.execute(
            "INSERT INTO team_device (device_id, name, schema_version, last_seen_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (device_id) DO UPDATE SET name = excluded.name, schema_version = excluded.schema_version",
            params![m.device_id, m.device_name.trim(), crate::db::schema_version(&tx)?, now_db()],
        )?;
        tx.execute("DELETE FROM team_file_waiting", [])?;
        tx.commit()?;
        self.team_device = Some(m.device_id.clone());
        Ok(())
    }

    /// The team key now lives in the operating system's keychain (put there and read back by the
    /// caller): the store keeps no copy of it from here on.
    pub fn team_key_moved_to_keychain(&mut self) -> Result<()> {
        self.conn.execute("UPDATE team_self SET team_key = ?1, key_home = 'keychain'", [KEY_ELSEWHERE])?;
        Ok(())
    }

    /// This device's entries not yet written to the shared folder, oldest first.
    pub fn unexported_entries(&self) -> Result<Vec<Entry>> {
        let Some(device) = &self.team_device else { return Ok(vec![]) };
        let mut stmt = self.conn.prepare_cached(
            "SELECT device_id, seq, hlc, schema_version, changeset FROM team_entry WHERE device_id = ?1 AND exported = 0 ORDER BY seq",
        )?;
        let rows = stmt.query_map([device], entry_from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    pub fn mark_exported(&mut self, device: &str, seq: i64) -> Result<()> {
        self.conn.execute("UPDATE team_entry SET exported = 1 WHERE device_id = ?1 AND seq = ?2", params![device, seq])?;
        Ok(())
    }

    /// Whether an entry is already in the log (applied, or recorded here).
    pub fn has_entry(&self, device: &str, seq: i64) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM team_entry WHERE device_id = ?1 AND seq = ?2)
                     OR ?2 <= coalesce((SELECT floor FROM team_device WHERE device_id = ?1), 0)",
            )?
            .query_row(params![device, seq], |r| r.get(0))?)
    }

    /// Whether all of a device's entries `first..=last` are in the log already.
    /// Entries up to the device's floor were pruned after everyone held them: they count.
    pub fn has_entries(&self, device: &str, first: i64, last: i64) -> Result<bool> {
        let floor: i64 = self
            .conn
            .prepare_cached("SELECT coalesce((SELECT floor FROM team_device WHERE device_id = ?1), 0)")?
            .query_row([device], |r| r.get(0))?;
        let first = first.max(floor + 1);
        if first > last {
            return Ok(true);
        }
        let n: i64 = self
            .conn
            .prepare_cached("SELECT count(*) FROM team_entry WHERE device_id = ?1 AND seq BETWEEN ?2 AND ?3")?
            .query_row(params![device, first, last], |r| r.get(0))?;
        Ok(n == last - first + 1)
    }

    /// Records what a device's files say about it (name, schema, newest sequence seen).
    pub fn note_device(&mut self, device: &str, name: &str, schema_version: i64, seq: i64, hlc: i64) -> Result<()> {
        self.conn.execute(
            "INSERT INTO team_device (device_id, name, schema_version, last_seq, last_hlc, last_seen_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (device_id) DO UPDATE SET name = excluded.name, schema_version = max(schema_version, excluded.schema_version),
                 last_seq = max(last_seq, excluded.last_seq), last_hlc = max(last_hlc, excluded.last_hlc), last_seen_at = excluded.last_seen_at",
            params![device, name, schema_version, seq, hlc, now_db()],
        )?;
        Ok(())
    }

    pub fn team_devices(&self) -> Result<Vec<TeamDevice>> {
        let me = self.team_device.clone().unwrap_or_default();
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.device_id, d.name, d.schema_version,
                    max(d.floor, (SELECT coalesce(max(seq), 0) FROM team_entry e WHERE e.device_id = d.device_id)), d.last_seen_at, d.removed_at, d.left_at
             FROM team_device d ORDER BY d.name, d.device_id",
        )?;
        let rows = stmt
            .query_map([], |r| {
                let device_id: String = r.get(0)?;
                Ok(TeamDevice {
                    is_self: device_id == me,
                    device_id,
                    name: r.get(1)?,
                    schema_version: r.get(2)?,
                    last_seq: r.get(3)?,
                    last_seen_at: col_moment_opt(r, 4)?,
                    removed_at: col_moment_opt(r, 5)?,
                    left_at: col_moment_opt(r, 6)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// A file that could not be applied (yet): kept with its reason for `team status`.
    pub fn note_waiting_file(&mut self, name: &str, reason: &str) -> Result<()> {
        let now = now_db();
        self.conn.execute(
            "INSERT INTO team_file_waiting (name, reason, first_seen, last_seen) VALUES (?1, ?2, ?3, ?3)
             ON CONFLICT (name) DO UPDATE SET reason = excluded.reason, last_seen = excluded.last_seen",
            params![name, reason, now],
        )?;
        Ok(())
    }

    pub fn clear_waiting_file(&mut self, name: &str) -> Result<()> {
        self.conn.execute("DELETE FROM team_file_waiting WHERE name = ?1", [name])?;
        Ok(())
    }

    /// Files waiting, with their reason, oldest first.
    pub fn waiting_files(&self) -> Result<Vec<(String, String)>> {
        let mut stmt = self.conn.prepare_cached("SELECT name, reason FROM team_file_waiting ORDER BY first_seen, name")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Content hashes of document files this laptop holds and has not yet put in the folder.
    pub fn blobs_to_send(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached("SELECT sha256 FROM blob WHERE sha256 NOT IN (SELECT sha256 FROM team_blob_sent) ORDER BY sha256")?;
        let all = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(all.into_iter().filter(|sha| self.blobs.exists(sha)).collect())
    }

    pub fn mark_blob_sent(&mut self, sha256: &str) -> Result<()> {
        self.conn.execute("INSERT OR IGNORE INTO team_blob_sent (sha256, sent_at) VALUES (?1, ?2)", params![sha256, now_db()])?;
        Ok(())
    }

    /// Stamps the end of a sync round.
    pub fn note_team_synced(&mut self) -> Result<()> {
        self.conn.execute("UPDATE team_self SET last_sync_at = ?1", [now_db()])?;
        Ok(())
    }

    /// How many of this device's entries wait to be written to the folder.
    pub fn unexported_count(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM team_entry e JOIN team_self s ON e.device_id = s.device_id WHERE e.exported = 0", [], |r| r.get(0))?)
    }
}

fn entry_from_row(r: &rusqlite::Row) -> rusqlite::Result<Entry> {
    Ok(Entry { device_id: r.get(0)?, seq: r.get(1)?, hlc: r.get(2)?, schema_version: r.get(3)?, changeset: r.get(4)? })
}

/// Appends a local changeset to this device's log inside the writing transaction.
fn record_entry(tx: &Transaction, changeset: &[u8]) -> Result<()> {
    let (device, last, seq): (String, i64, i64) =
        tx.query_row("SELECT device_id, hlc, next_seq FROM team_self", [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    let hlc = hlc_next(last, chrono::Utc::now().timestamp_millis());
    tx.prepare_cached(
        "INSERT INTO team_entry (device_id, seq, hlc, schema_version, changeset, effective, exported, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, NULL, 0, ?6)",
    )?
    .execute(params![device, seq, hlc, crate::db::schema_version(tx)?, changeset, now_db()])?;
    tx.prepare_cached("UPDATE team_self SET hlc = ?1, next_seq = ?2")?.execute(params![hlc, seq + 1])?;
    Ok(())
}
