//! A team that changes, in the store's bookkeeping: a renewed team key (its generation), the
//! laptops removed from the team or that left it, this laptop's own changes sent again under a
//! new key, and leaving the team (the data stays, nothing is recorded for the team any more).

use crate::error::{Result, StoreError};
use crate::Store;
use rusqlite::{params, OptionalExtension};
use std::collections::BTreeMap;

impl Store {
    /// This laptop now holds generation `epoch` of the team key. The key is kept in the store
    /// until the next sync round moves it into the keychain (as after joining). `pending` is the
    /// renewal this laptop made and still has to put in the shared folder (in the same write, so
    /// a crash in between cannot lose the new key or the old one it carries).
    pub fn renew_team_key(&mut self, key_hex: &str, epoch: i64, pending: Option<&str>) -> Result<()> {
        if key_hex.len() != 64 {
            return Err(StoreError::invalid("teamsleutel", "moet 64 tekens lang zijn"));
        }
        let n = self.conn.execute(
            "UPDATE team_self SET team_key = ?1, key_home = 'store', key_epoch = ?2, pending_renewal = ?3 WHERE key_epoch < ?2",
            params![key_hex, epoch, pending],
        )?;
        if n == 0 {
            return Err(StoreError::invalid("teamsleutel", "deze laptop heeft deze of een nieuwere teamsleutel al"));
        }
        Ok(())
    }

    /// The renewal of the key this laptop made and has not yet put in the shared folder.
    pub fn pending_renewal(&self) -> Result<Option<String>> {
        Ok(self.conn.query_row("SELECT pending_renewal FROM team_self", [], |r| r.get(0)).optional()?.flatten())
    }

    /// The renewal is in the shared folder.
    pub fn renewal_written(&mut self) -> Result<()> {
        self.conn.execute("UPDATE team_self SET pending_renewal = NULL", [])?;
        Ok(())
    }

    /// Notes that the team removed a laptop (when its key was renewed without it).
    pub fn note_device_removed(&mut self, device: &str, name: &str, at: chrono::DateTime<chrono::Utc>) -> Result<()> {
        self.conn.execute(
            "INSERT INTO team_device (device_id, name, removed_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (device_id) DO UPDATE SET removed_at = coalesce(team_device.removed_at, excluded.removed_at)",
            params![device, name, tenderwacht_domain::time::to_db(at)],
        )?;
        Ok(())
    }

    /// Notes a teammate from its device file (a laptop that joined and wrote nothing yet is
    /// listed too), without counting it as seen.
    pub fn note_device_name(&mut self, device: &str, name: &str, schema_version: i64) -> Result<()> {
        self.conn.execute(
            "INSERT INTO team_device (device_id, name, schema_version) VALUES (?1, ?2, ?3)
             ON CONFLICT (device_id) DO UPDATE SET name = excluded.name, schema_version = max(schema_version, excluded.schema_version)",
            params![device, name, schema_version],
        )?;
        Ok(())
    }

    /// Notes that a laptop said it left the team.
    pub fn note_device_left(&mut self, device: &str, name: &str, at: chrono::DateTime<chrono::Utc>) -> Result<()> {
        self.conn.execute(
            "INSERT INTO team_device (device_id, name, left_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (device_id) DO UPDATE SET left_at = coalesce(team_device.left_at, excluded.left_at)",
            params![device, name, tenderwacht_domain::time::to_db(at)],
        )?;
        Ok(())
    }

    /// Per device, the highest sequence up to which this store holds every entry: what this
    /// laptop had from each teammate when it renewed the key.
    pub fn team_entries_held(&self) -> Result<BTreeMap<String, i64>> {
        let mut out: BTreeMap<String, i64> = self.team_floors()?;
        let mut stmt = self.conn.prepare("SELECT device_id, seq FROM team_entry ORDER BY device_id, seq")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (device, seq): (String, i64) = (r.get(0)?, r.get(1)?);
            let held = out.entry(device).or_insert(0);
            if seq == *held + 1 {
                *held = seq;
            }
        }
        Ok(out)
    }

    /// This device's entries after `seq` go to the folder again (sealed with the new key: the
    /// team refuses what the old key sealed after the renewal).
    pub fn resend_own_entries_after(&mut self, seq: i64) -> Result<usize> {
        let Some(device) = self.team_device.clone() else { return Ok(0) };
        Ok(self.conn.execute("UPDATE team_entry SET exported = 0 WHERE device_id = ?1 AND seq > ?2", params![device, seq])?)
    }

    /// This laptop leaves its team: the data stays as it is, the team's bookkeeping (the change
    /// log, conflicts, devices, the key) goes, and from now on nothing is recorded for a team.
    pub fn leave_team(&mut self) -> Result<()> {
        let tx = self.conn.transaction()?;
        for table in [
            "team_conflict_resolution",
            "team_conflict",
            "team_entry",
            "team_device",
            "team_file_waiting",
            "team_blob_sent",
            "team_blob_gone",
            "team_self",
        ] {
            tx.execute(&format!("DELETE FROM {table}"), [])?;
        }
        tx.commit()?;
        self.team_device = None;
        Ok(())
    }
}
