//! Erasure in the store's bookkeeping: document files no record refers to any more, what each
//! teammate holds of every laptop's changes, and pruning the change log past the horizon once
//! every laptop holds it (a deleted row's values live on in the changesets that carried it).

use crate::error::Result;
use crate::{now_db, Store};
use rusqlite::params;
use std::collections::BTreeMap;

/// What each laptop holds: per device, the last of its changes held without a gap.
pub type Held = BTreeMap<String, i64>;

/// Where a document file's hash is referred to from (a file no row names is gone).
const REFERENCED: &str = "SELECT sha256 FROM document
     UNION SELECT sha256 FROM tender_document WHERE sha256 IS NOT NULL
     UNION SELECT sha256 FROM deliverable_file
     UNION SELECT sha256 FROM contract_document";

impl Store {
    /// Document files no record refers to that are not yet noted as gone; a file referred to
    /// again (the same document added anew) is taken off the gone list and sent again.
    pub fn note_unreferenced_blobs(&mut self, held: &Held) -> Result<usize> {
        let held = serde_json::to_string(held).unwrap_or_default();
        let tx = self.conn.transaction()?;
        let back: Vec<String> = {
            let mut stmt = tx.prepare(&format!("SELECT sha256 FROM team_blob_gone WHERE sha256 IN ({REFERENCED})"))?;
            let rows = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
            rows
        };
        for sha in &back {
            tx.execute("DELETE FROM team_blob_gone WHERE sha256 = ?1", [sha])?;
            tx.execute("DELETE FROM team_blob_sent WHERE sha256 = ?1", [sha])?;
        }
        let n = tx.execute(
            &format!(
                "INSERT INTO team_blob_gone (sha256, noticed_at, held)
                 SELECT sha256, ?1, ?2 FROM blob WHERE sha256 NOT IN ({REFERENCED}) AND sha256 NOT IN (SELECT sha256 FROM team_blob_gone)"
            ),
            params![now_db(), held],
        )?;
        tx.commit()?;
        Ok(n)
    }

    /// Gone document files, with what this laptop held when it noticed (the deletion is in
    /// there) and whether their file already left the folder once (a cloud folder may bring a
    /// deleted file back from another laptop's copy: it is taken out again).
    pub fn blobs_gone(&self) -> Result<Vec<(String, Held, bool)>> {
        let mut stmt = self.conn.prepare("SELECT sha256, held, erased_at IS NOT NULL FROM team_blob_gone ORDER BY noticed_at, sha256")?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, bool>(2)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows.into_iter().map(|(sha, held, erased)| (sha, serde_json::from_str(&held).unwrap_or_default(), erased)).collect())
    }

    /// A gone document file left the folder: this laptop's copy goes too (backups keep theirs
    /// until they are rotated out).
    pub fn blob_erased(&mut self, sha256: &str) -> Result<()> {
        self.conn.execute("UPDATE team_blob_gone SET erased_at = ?2 WHERE sha256 = ?1", params![sha256, now_db()])?;
        self.conn.execute("DELETE FROM team_blob_sent WHERE sha256 = ?1", [sha256])?;
        let path = self.blobs.path_of(sha256);
        match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(crate::StoreError::io(&path, e)),
            _ => Ok(()),
        }
    }

    /// Notes what a teammate says it holds (from its device file).
    pub fn note_device_held(&mut self, device: &str, held: &Held) -> Result<()> {
        self.conn
            .execute("UPDATE team_device SET held = ?2 WHERE device_id = ?1", params![device, serde_json::to_string(held).unwrap_or_default()])?;
        Ok(())
    }

    /// The team's current laptops (not removed, not left) with what each said it holds; `None`
    /// for a laptop that has not said (an older Tenderwacht, or not yet seen). This laptop's own
    /// entry is what its log holds now.
    pub fn team_held(&self) -> Result<Vec<(String, String, Option<Held>)>> {
        let me = self.team_device.clone().unwrap_or_default();
        let mut stmt =
            self.conn.prepare("SELECT device_id, name, held FROM team_device WHERE removed_at IS NULL AND left_at IS NULL ORDER BY name")?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let own = self.team_entries_held()?;
        Ok(rows
            .into_iter()
            .map(|(id, name, held)| {
                let held = if id == me { Some(own.clone()) } else { held.and_then(|h| serde_json::from_str(&h).ok()) };
                (id, name, held)
            })
            .collect())
    }

    /// Prunes from the log every entry that all laptops hold (`agreed`) and that is older than
    /// `before_hlc`; a device's pruned entries count as held from then on (its floor). Their
    /// conflicts go with them. Returns how many entries were pruned.
    pub fn prune_entries(&mut self, agreed: &Held, before_hlc: i64) -> Result<usize> {
        let tx = self.conn.transaction()?;
        let mut pruned = 0;
        for (device, upto) in agreed {
            let floor: Option<i64> = tx.query_row(
                "SELECT max(seq) FROM team_entry WHERE device_id = ?1 AND seq <= ?2 AND hlc < ?3",
                params![device, upto, before_hlc],
                |r| r.get(0),
            )?;
            let Some(floor) = floor else { continue };
            pruned += tx.execute("DELETE FROM team_entry WHERE device_id = ?1 AND seq <= ?2", params![device, floor])?;
            tx.execute(
                "INSERT INTO team_device (device_id, name, floor) VALUES (?1, ?1, ?2)
                 ON CONFLICT (device_id) DO UPDATE SET floor = max(team_device.floor, excluded.floor)",
                params![device, floor],
            )?;
        }
        tx.commit()?;
        Ok(pruned)
    }

    /// Per device, the entries pruned from this log (held, no longer here).
    pub fn team_floors(&self) -> Result<BTreeMap<String, i64>> {
        let mut stmt = self.conn.prepare("SELECT device_id, floor FROM team_device WHERE floor > 0")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?.collect::<rusqlite::Result<BTreeMap<_, _>>>()?;
        Ok(rows)
    }

    /// A clean copy of the database for the shared folder (`VACUUM INTO`: no free pages that
    /// could still hold a deleted row).
    pub fn clean_copy_to(&self, target: &std::path::Path) -> Result<()> {
        self.conn.execute("VACUUM INTO ?1", [target.to_string_lossy()])?;
        Ok(())
    }
}
