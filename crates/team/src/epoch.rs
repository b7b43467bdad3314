//! Generations of the team key. When a laptop is removed (or the key is renewed for another
//! reason) the team gets a new key; a renewal file, sealed with the new key, carries the previous
//! one and what the renewing laptop held of each teammate's changes. Whoever holds the newest key
//! can so read the whole history; a removed laptop holds only the old key and reads nothing new,
//! and what the old key sealed after the renewal is not taken from anyone.

use crate::crypt::TeamKey;
use crate::files::{self, FileKind};
use crate::folder::Folder;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

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

/// Something that gives the key for a generation: one key (tried whatever a file says) or the
/// team's chain of keys.
pub trait Keys {
    fn for_epoch(&self, epoch: u32) -> Option<&TeamKey>;
    /// The newest generation known, when known.
    fn newest(&self) -> Option<u32> {
        None
    }
}

impl Keys for TeamKey {
    fn for_epoch(&self, _epoch: u32) -> Option<&TeamKey> {
        Some(self)
    }
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
