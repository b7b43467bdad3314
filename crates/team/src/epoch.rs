//! Generations of the team key. When a laptop is removed (or the key is renewed for another
//! reason) the team gets a new key; a renewal file, sealed with the new key, carries the previous
//! one and what the renewing laptop held of each teammate's changes. Whoever holds the newest key
//! can so read the whole history; a removed laptop holds only the old key and reads nothing new,
//! and what the old key sealed after the renewal is not taken from anyone.

use crate::crypt::{Keys, TeamKey};
use crate::error::{Result, TeamError};
use crate::files::{self, FileKind};
use crate::folder::Folder;
use crate::keychain;
use crate::records::{epoch_of, header, json, TeamInfo};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;
use tenderwacht_domain::team::Membership;
use tenderwacht_store::Store;

/// What a renewal file says (sealed with the key of generation `epoch`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Renewal {
    pub epoch: u32,
    /// The key of generation `epoch - 1`, 64 hex digits.
    pub previous_key: String,
    pub by_device: String,
    pub by_name: String,
    pub at: chrono::DateTime<chrono::Utc>,
    /// The laptops this renewal shut out.
    pub removed: Vec<RemovedDevice>,
    /// Per device, the last of its changes the renewing laptop held: sealed with an older key,
    /// only these are still taken.
    pub held: BTreeMap<String, i64>,
}

/// A laptop a renewal shut out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemovedDevice {
    pub device_id: String,
    pub name: String,
}

/// This laptop's key and every older one the renewal files lead back to.
#[derive(Debug, Clone)]
pub struct Keyring {
    epoch: u32,
    current: TeamKey,
    older: BTreeMap<u32, TeamKey>,
    renewals: BTreeMap<u32, Renewal>,
}

impl Keys for Keyring {
    fn for_epoch(&self, epoch: u32) -> Option<&TeamKey> {
        if epoch == self.epoch {
            Some(&self.current)
        } else {
            self.older.get(&epoch)
        }
    }

    fn newest(&self) -> Option<u32> {
        Some(self.epoch)
    }
}

impl Keyring {
    /// Walks back from the key of generation `epoch` through the folder's renewal files; a
    /// missing or unreadable one ends the chain there (older files then wait with a reason).
    pub fn load(folder: &Folder, key: TeamKey, epoch: u32) -> Self {
        let mut ring = Self { epoch, current: key, older: BTreeMap::new(), renewals: BTreeMap::new() };
        let mut e = epoch;
        while e > 1 {
            let Some(sealing) = ring.for_epoch(e) else { break };
            let Ok((h, plain)) = files::read(&folder.renewal_file(e), sealing) else { break };
            let Ok(renewal) = serde_json::from_slice::<Renewal>(&plain) else { break };
            let Ok(previous) = TeamKey::parse(&renewal.previous_key) else { break };
            if h.kind != FileKind::Renewal || h.epoch != e || renewal.epoch != e {
                break;
            }
            ring.older.insert(e - 1, previous);
            ring.renewals.insert(e, renewal);
            e -= 1;
        }
        ring
    }

    pub fn epoch(&self) -> u32 {
        self.epoch
    }

    /// The key everything is sealed with from now on.
    pub fn current(&self) -> &TeamKey {
        &self.current
    }

    /// Every key known, newest first (a teammate's document may be sealed with any of them).
    pub fn newest_first(&self) -> impl Iterator<Item = &TeamKey> {
        std::iter::once(&self.current).chain(self.older.values().rev())
    }

    /// The renewal that ended generation `epoch`.
    pub fn renewal_after(&self, epoch: u32) -> Option<&Renewal> {
        self.renewals.get(&(epoch + 1))
    }

    /// The renewal that removed `device`, if one did.
    pub fn removal_of(&self, device: &str) -> Option<&Renewal> {
        self.renewals.values().find(|r| r.removed.iter().any(|d| d.device_id == device))
    }

    /// The renewals this ring knows, oldest first.
    pub fn renewals(&self) -> impl Iterator<Item = &Renewal> {
        self.renewals.values()
    }
}

/// The newest generation the folder announces, read from the clear headers of the team file and
/// the renewal files (a laptop that holds an older key stops before it writes anything), with
/// the header of the team file for who renewed it and when.
pub fn folder_epoch(folder: &Folder) -> (u32, Option<files::Header>) {
    let team = files::read_header(&folder.team_file());
    let from_team = team.as_ref().map(|h| h.epoch).unwrap_or(1);
    let from_renewals = folder.renewal_epochs().into_iter().max().unwrap_or(1);
    (from_team.max(from_renewals), team)
}

pub(crate) fn key_of(m: &Membership) -> Result<TeamKey> {
    if m.key_in_keychain {
        return TeamKey::parse(&keychain::get(&keychain::account(m)).map_err(TeamError::Key)?);
    }
    TeamKey::parse(&m.key_hex)
}

/// This laptop's keys (its own and the older ones the folder's renewals lead back to); stops
/// with [`TeamError::KeyRenewed`] when the folder says a teammate renewed the key.
pub(crate) fn keyring_of(m: &Membership, folder: &Folder) -> Result<Keyring> {
    let (newest, team) = folder_epoch(folder);
    if newest > epoch_of(m) {
        return Err(TeamError::KeyRenewed {
            by: team.as_ref().map(|h| h.device_name.clone()).unwrap_or_else(|| "een collega".into()),
            at: team
                .and_then(|h| tenderwacht_domain::team::hlc_moment(h.hlc))
                .map(tenderwacht_domain::time::format_moment_nl)
                .unwrap_or_else(|| "onlangs".into()),
        });
    }
    Ok(Keyring::load(folder, key_of(m)?, epoch_of(m)))
}

/// Puts a renewal this laptop made into the shared folder: the renewal file, the team file and
/// a new starting point sealed with the new key, and the removed laptops' device files out.
/// Called right after the renewal and again at each sync round until it is done.
pub(crate) fn finish_renewal(store: &mut Store) -> Result<()> {
    let Some(pending) = store.pending_renewal()? else { return Ok(()) };
    let m = store.membership()?.ok_or(TeamError::NotInTeam)?;
    let renewal: Renewal = serde_json::from_str(&pending).map_err(|e| TeamError::File { name: "vernieuwing".into(), reason: e.to_string() })?;
    let folder = Folder::new(Path::new(&m.folder));
    folder.reachable()?;
    let key = key_of(&m)?;
    let schema = store.schema_version()?;
    let path = folder.renewal_file(renewal.epoch);
    if !files::read(&path, &key).is_ok_and(|(h, _)| h.kind == FileKind::Renewal && h.device_id == m.device_id) {
        files::write(&path, &key, header(FileKind::Renewal, &m, schema, 0, 0), &json(&renewal)?)?;
    }
    let hlc = renewal.at.timestamp_millis() << 16;
    let info = TeamInfo { team_id: m.team_id.clone(), name: m.team_name.clone() };
    files::write(&folder.team_file(), &key, header(FileKind::Team, &m, schema, 0, hlc), &json(&info)?)?;
    for d in &renewal.removed {
        let file = folder.device_file(&d.device_id);
        if file.exists() {
            std::fs::remove_file(&file).map_err(|e| TeamError::io(&file, &e))?;
        }
    }
    crate::records::write_snapshot(store, &folder, &key, &m)?;
    store.renewal_written()?;
    Ok(())
}
