//! A team's sync round (send own changes and files, read and apply the others', then the
//! erasure pass) and the team's state as this laptop sees it.

use crate::crypt::TeamKey;
use crate::epoch::{key_of, keyring_of, Keyring};
use crate::error::{Result, TeamError};
use crate::files::{self, FileKind, Unread};
use crate::folder::Folder;
use crate::keychain;
use crate::records::{header, json, DeviceInfo};
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;
use tenderwacht_domain::team::{sync_schema, Entry, Membership, TeamDevice};
use tenderwacht_store::Store;

/// A file in the folder that could not be applied yet, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct WaitingFile {
    pub name: String,
    pub reason: String,
}

/// What one sync round did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export, rename = "TeamSyncReport")]
pub struct SyncReport {
    /// Own changes written to the folder.
    pub sent: usize,
    /// Others' changes applied.
    pub applied: usize,
    /// Changes undone and replayed to slot late files in.
    pub replayed: usize,
    pub conflicts: usize,
    pub files_sent: usize,
    pub waiting: Vec<WaitingFile>,
    /// What left the folder because it was deleted (or past the horizon).
    pub erasure: crate::erase::ErasureReport,
    /// Tenders of one procedure this laptop merged (two portals on two laptops).
    pub merged: usize,
}

/// The team as this laptop sees it.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct TeamStatus {
    pub team_name: String,
    pub device_name: String,
    pub folder: String,
    pub reachable: bool,
    pub devices: Vec<TeamDevice>,
    /// Own changes not yet in the folder.
    #[ts(type = "number")]
    pub outgoing: i64,
    pub waiting: Vec<WaitingFile>,
    pub open_conflicts: usize,
    pub last_sync_at: Option<chrono::DateTime<chrono::Utc>>,
    /// Set when the team key is kept in the store rather than the system's keychain, with why.
    pub key_warning: Option<String>,
    /// When what is deleted leaves the shared folder ("verwijderd na"), and what still waits.
    pub erasure: String,
}

/// At most this many entries go in one change file (one sync round after a big import writes a
/// few files, not one huge one).
const ENTRIES_PER_FILE: usize = 1000;

/// Why the last attempt to move the key into the keychain failed, for `team status`.
static KEYCHAIN_REFUSED: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

/// Moves a key the store still holds into the keychain (at the first sync round after joining,
/// or after an update that brought the keychain); where that fails the key stays where it is and
/// the reason is kept for `team status`.
fn secure_key(store: &mut Store, m: &Membership) -> Result<()> {
    if m.key_in_keychain {
        return Ok(());
    }
    let outcome = keychain::put(&keychain::account(m), &m.key_hex);
    if outcome.is_ok() {
        store.team_key_moved_to_keychain()?;
    }
    if let Ok(mut refused) = KEYCHAIN_REFUSED.lock() {
        *refused = outcome.err();
    }
    Ok(())
}

/// Where the key is kept, and a warning when it is in the store.
fn key_warning(m: &Membership) -> Option<String> {
    if m.key_in_keychain {
        return None;
    }
    let why = KEYCHAIN_REFUSED.lock().ok().and_then(|r| r.clone()).or_else(keychain::unavailable).unwrap_or_else(|| "nog niet verplaatst".into());
    Some(format!("De teamsleutel staat in de database van deze laptop, niet in de sleutelbos van het systeem: {why}."))
}

/// One sync round: own changes and document files out, the others' changes in and applied.
pub fn sync(store: &mut Store) -> Result<SyncReport> {
    let m = store.membership()?.ok_or(TeamError::NotInTeam)?;
    let folder = Folder::new(Path::new(&m.folder));
    folder.reachable()?;
    crate::epoch::finish_renewal(store)?;
    let keys = keyring_of(&m, &folder)?;
    secure_key(store, &m)?;
    let key = keys.current();
    let schema = store.schema_version()?;
    let mut report = SyncReport::default();
    for renewal in keys.renewals() {
        for d in &renewal.removed {
            store.note_device_removed(&d.device_id, &d.name, renewal.at)?;
        }
    }
    publish_device(store, &folder, &keys, &m, schema)?;
    // This round's own entries, in files of up to ENTRIES_PER_FILE of one schema version.
    let pending = store.unexported_entries()?;
    for chunk in pending.chunk_by(|a, b| a.schema_version == b.schema_version).flat_map(|c| c.chunks(ENTRIES_PER_FILE)) {
        let (Some(first), Some(last)) = (chunk.first(), chunk.last()) else { continue };
        let path = folder.change_file(&m.device_id, first.seq, last.seq);
        let body = files::encode_entries(chunk);
        let already = files::read(&path, key).is_ok_and(|(h, plain)| h.epoch == keys.epoch() && plain == body);
        if !already {
            let mut h = header(FileKind::Changes, &m, first.schema_version, first.seq, last.hlc);
            h.last_seq = last.seq;
            files::write(&path, key, h, &body)?;
        }
        for e in chunk {
            store.mark_exported(&e.device_id, e.seq)?;
        }
        report.sent += chunk.len();
    }
    for sha in store.blobs_to_send()? {
        let path = folder.blob_file(&key.blob_name(&sha));
        if !path.exists() {
            let local = store.blobs().path_of(&sha);
            let bytes = std::fs::read(&local).map_err(|e| TeamError::io(&local, &e))?;
            files::write(&path, key, header(FileKind::Blob, &m, schema, 0, 0), &bytes)?;
            report.files_sent += 1;
        }
        store.mark_blob_sent(&sha)?;
    }
    let names = device_names(store, &folder, &keys)?;
    let mut entries = vec![];
    let mut applied_files = vec![];
    for f in folder.change_files()? {
        if f.device_id == m.device_id || store.has_entries(&f.device_id, f.first, f.last)? {
            continue;
        }
        match read_change(&f.path, &keys, &m, &f.device_id, (f.first, f.last), schema) {
            Ok((device_name, list)) => {
                let name = names.get(&f.device_id).cloned().unwrap_or(device_name);
                if let Some(newest) = list.last() {
                    store.note_device(&newest.device_id, &name, newest.schema_version, newest.seq, newest.hlc)?;
                }
                applied_files.push(f.name.clone());
                entries.extend(list);
            }
            Err(u) => {
                store.note_waiting_file(&f.name, u.reason())?;
            }
        }
    }
    let outcome = store.apply_entries(entries)?;
    // One procedure taken from two portals on two laptops: the laptop whose change met the clash
    // last makes the two tenders one (a write that reaches the others at the next round).
    for d in store.duplicate_tenders()? {
        if d.by_device == m.device_id {
            store.merge_tenders(d.keep, d.merge, &m.device_name)?;
            report.merged += 1;
        }
    }
    for name in &applied_files {
        store.clear_waiting_file(name)?;
    }
    report.applied = outcome.applied;
    report.replayed = outcome.replayed;
    report.conflicts = outcome.conflicts;
    report.waiting = store.waiting_files()?.into_iter().map(|(name, reason)| WaitingFile { name, reason }).collect();
    publish_device(store, &folder, &keys, &m, schema)?;
    report.erasure = crate::erase::erase(store, &folder, &keys, &m, chrono::Utc::now())?;
    store.note_team_synced()?;
    Ok(report)
}

/// Writes this laptop's device file (name, schema, what it holds) when it says something else
/// than the one in the folder, or is sealed with an older key.
fn publish_device(store: &Store, folder: &Folder, keys: &Keyring, m: &Membership, schema: i64) -> Result<()> {
    let own = folder.device_file(&m.device_id);
    let info = DeviceInfo {
        device_id: m.device_id.clone(),
        name: m.device_name.clone(),
        schema_version: schema,
        left_at: None,
        held: store.team_entries_held()?,
    };
    let current = files::read(&own, keys)
        .ok()
        .filter(|(h, _)| h.epoch == keys.epoch())
        .and_then(|(_, plain)| serde_json::from_slice::<DeviceInfo>(&plain).ok())
        .is_some_and(|i| i.schema_version == info.schema_version && i.name == info.name && i.held == info.held && i.left_at.is_none());
    if !current {
        files::write(&own, keys.current(), header(FileKind::Device, m, schema, 0, 0), &json(&info)?)?;
    }
    Ok(())
}

/// Reads a change file into its entries (and the writer's name), or says why it waits.
fn read_change(
    path: &Path,
    keys: &Keyring,
    m: &Membership,
    device: &str,
    range: (i64, i64),
    schema: i64,
) -> std::result::Result<(String, Vec<Entry>), Unread> {
    let (h, body) = files::read(path, keys)?;
    if h.kind != FileKind::Changes || h.team_id != m.team_id {
        return Err(Unread::Refused("geweigerd: hoort niet bij dit team".into()));
    }
    if h.device_id != device || (h.seq, h.last_seq) != range {
        return Err(Unread::Refused("geweigerd: naam en inhoud verschillen".into()));
    }
    sealed_in_time(&h, keys)?;
    if h.sync_schema != sync_schema(schema) {
        return Err(Unread::Waiting(if h.sync_schema > sync_schema(schema) {
            format!(
                "geschreven door een nieuwere versie van Tenderwacht (schema {}); werk Tenderwacht bij om deze wijzigingen te krijgen",
                h.schema_version
            )
        } else {
            format!("geschreven door een oudere versie van Tenderwacht (schema {}); vraag {} om bij te werken", h.schema_version, h.device_name)
        }));
    }
    let entries = files::decode_entries(device, &body).ok_or_else(|| Unread::Refused("inhoud onleesbaar".into()))?;
    let expected: Vec<i64> = (range.0..=range.1).collect();
    if entries.iter().map(|e| e.seq).collect::<Vec<_>>() != expected {
        return Err(Unread::Refused("geweigerd: de wijzigingen in het bestand passen niet bij zijn naam".into()));
    }
    Ok((h.device_name, entries))
}

/// Whether a change file sealed with an older key may still be taken: only what the renewing
/// laptop already held of that device (anything later could be written by whoever kept the old
/// key); a removed laptop's files are refused from its removal on.
fn sealed_in_time(h: &files::Header, keys: &Keyring) -> std::result::Result<(), Unread> {
    let removal = keys.removal_of(&h.device_id);
    if h.epoch >= keys.epoch() {
        return match removal {
            Some(r) => Err(Unread::Refused(removed_words(&h.device_name, r))),
            None => Ok(()),
        };
    }
    let Some(renewal) = keys.renewal_after(h.epoch) else {
        return Err(Unread::Refused("geweigerd: verzegeld met een oude teamsleutel waarvan de vernieuwing niet te lezen is".into()));
    };
    if renewal.held.get(&h.device_id).copied().unwrap_or(0) >= h.last_seq {
        return Ok(());
    }
    match removal {
        Some(r) => Err(Unread::Refused(removed_words(&h.device_name, r))),
        None => Err(Unread::Waiting(format!(
            "met de vorige teamsleutel verzegeld na de vernieuwing van {}; {} stuurt het opnieuw zodra daar de nieuwe sleutel is ingevoerd",
            tenderwacht_domain::time::format_moment_nl(renewal.at),
            h.device_name
        ))),
    }
}

fn removed_words(name: &str, r: &crate::epoch::Renewal) -> String {
    format!(
        "geweigerd: {name} is op {} door {} uit het team verwijderd; wat die laptop daarna schreef wordt niet gelezen",
        tenderwacht_domain::time::format_moment_nl(r.at),
        r.by_name
    )
}

/// The teammates' names from their device files (and who left the team, noted in the store).
fn device_names(store: &mut Store, folder: &Folder, keys: &Keyring) -> Result<HashMap<String, String>> {
    let dir = folder.device_file("x").parent().map(Path::to_path_buf).unwrap_or_default();
    let mut out = HashMap::new();
    let Ok(list) = std::fs::read_dir(&dir) else { return Ok(out) };
    for f in list.flatten() {
        if let Ok((h, plain)) = files::read(&f.path(), keys) {
            if let Ok(info) = serde_json::from_slice::<DeviceInfo>(&plain) {
                if h.device_id != info.device_id || keys.removal_of(&info.device_id).is_some() {
                    continue;
                }
                store.note_device_name(&info.device_id, &info.name, info.schema_version)?;
                store.note_device_held(&info.device_id, &info.held)?;
                if let Some(at) = info.left_at {
                    store.note_device_left(&info.device_id, &info.name, at)?;
                }
                out.insert(info.device_id, info.name);
            }
        }
    }
    Ok(out)
}

/// The team key, for showing it again to a colleague who joins (the window asks to confirm
/// first; whoever holds it can read everything the team folder carries).
pub fn key(store: &Store) -> Result<TeamKey> {
    key_of(&store.membership()?.ok_or(TeamError::NotInTeam)?)
}

/// The team as this laptop sees it (without touching the folder beyond a reachability check).
pub fn status(store: &Store) -> Result<TeamStatus> {
    let m = store.membership()?.ok_or(TeamError::NotInTeam)?;
    let key_warning = key_warning(&m);
    Ok(TeamStatus {
        reachable: Folder::new(Path::new(&m.folder)).reachable().is_ok(),
        team_name: m.team_name,
        device_name: m.device_name,
        folder: m.folder,
        devices: store.team_devices()?,
        outgoing: store.unexported_count()?,
        waiting: store.waiting_files()?.into_iter().map(|(name, reason)| WaitingFile { name, reason }).collect(),
        open_conflicts: store.team_conflicts(true)?.len(),
        key_warning,
        erasure: crate::erase::erasure_line(store)?,
        last_sync_at: m.last_sync_at,
    })
}
