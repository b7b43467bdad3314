//! What the consultant does with a team: set it up on the first laptop, join from the others,
//! sync (send own changes and files, read and apply the others'), see the state, fetch a
//! teammate's document when it is first needed.

use crate::crypt::TeamKey;
use crate::error::{Result, TeamError};
use crate::files::{self, FileKind, Header, Unread};
use crate::folder::Folder;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;
use tenderwacht_core::team::{sync_schema, Entry, Membership, TeamDevice};
use tenderwacht_core::Store;

/// What the team file says.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct TeamInfo {
    team_id: String,
    name: String,
}

/// What a device file says.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct DeviceInfo {
    device_id: String,
    name: String,
    schema_version: i64,
}

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
}

/// At most this many entries go in one change file (one sync round after a big import writes a
/// few files, not one huge one).
const ENTRIES_PER_FILE: usize = 1000;

fn header(kind: FileKind, m: &Membership, schema_version: i64, seq: i64, hlc: i64) -> Header {
    Header {
        format: files::FORMAT,
        kind,
        team_id: m.team_id.clone(),
        schema_version,
        sync_schema: sync_schema(schema_version),
        device_id: m.device_id.clone(),
        device_name: m.device_name.clone(),
        seq,
        last_seq: seq,
        hlc,
        length: 0,
        sha256: String::new(),
    }
}

fn json<T: Serialize>(v: &T) -> Result<Vec<u8>> {
    serde_json::to_vec(v).map_err(|e| TeamError::File { name: "json".into(), reason: e.to_string() })
}

fn key_of(m: &Membership) -> Result<TeamKey> {
    TeamKey::parse(&m.key_hex)
}

/// Sets up a team in `shared` with this store as its starting point; returns the key to give
/// the others.
pub fn init(store: &mut Store, shared: &Path, team_name: &str, device_name: &str) -> Result<TeamKey> {
    if let Some(m) = store.membership()? {
        return Err(TeamError::AlreadyInTeam(m.team_name));
    }
    if team_name.trim().is_empty() {
        return Err(TeamError::Core(tenderwacht_core::CoreError::invalid("naam", "geef het team een naam")));
    }
    Folder::new(shared).reachable()?;
    let shared = &absolute(shared)?;
    let folder = Folder::new(shared);
    if folder.team_file().exists() {
        return Err(TeamError::FolderTaken(shared.to_path_buf()));
    }
    let key = TeamKey::generate();
    let m = Membership {
        team_id: uuid::Uuid::now_v7().to_string(),
        team_name: team_name.trim().to_string(),
        device_id: uuid::Uuid::now_v7().to_string(),
        device_name: device_name.trim().to_string(),
        folder: shared.display().to_string(),
        key_hex: key.to_hex(),
        last_sync_at: None,
    };
    store.become_member(&m)?;
    let schema = store.schema_version()?;
    files::write(
        &folder.team_file(),
        &key,
        header(FileKind::Team, &m, schema, 0, 0),
        &json(&TeamInfo { team_id: m.team_id.clone(), name: m.team_name.clone() })?,
    )?;
    write_snapshot(store, &folder, &key, &m)?;
    sync(store)?;
    Ok(key)
}

/// The shared folder as a full path (it is kept and used from any working directory).
fn absolute(shared: &Path) -> Result<std::path::PathBuf> {
    std::fs::canonicalize(shared)
        .map_err(|e| TeamError::Unreachable { path: shared.to_path_buf(), message: tenderwacht_core::error::describe_io(&e) })
}

/// The starting point for a laptop that joins: the whole database, sealed.
fn write_snapshot(store: &Store, folder: &Folder, key: &TeamKey, m: &Membership) -> Result<()> {
    let tmp_dir = store.data_dir().join("tmp");
    std::fs::create_dir_all(&tmp_dir).map_err(|e| TeamError::io(&tmp_dir, &e))?;
    let tmp = tempfile::NamedTempFile::new_in(&tmp_dir).map_err(|e| TeamError::io(&tmp_dir, &e))?;
    store.snapshot_to(tmp.path())?;
    let bytes = std::fs::read(tmp.path()).map_err(|e| TeamError::io(tmp.path(), &e))?;
    let hlc = chrono::Utc::now().timestamp_millis() << 16;
    let path = folder.snapshot_file(&m.device_id, hlc);
    files::write(&path, key, header(FileKind::Snapshot, m, store.schema_version()?, 0, hlc), &bytes)
}

/// Joins the team in `shared` from the data folder `data_dir`: takes the newest snapshot as this
/// store (a store with data of its own is only replaced when `replace` says so), then syncs.
pub fn join(data_dir: &Path, shared: &Path, key: &TeamKey, device_name: &str, replace: bool) -> Result<SyncReport> {
    Folder::new(shared).reachable()?;
    let shared = &absolute(shared)?;
    let folder = Folder::new(shared);
    let team_path = folder.team_file();
    if !team_path.exists() {
        return Err(TeamError::NoTeamInFolder(shared.to_path_buf()));
    }
    let (_, info) = files::read(&team_path, key).map_err(|u| match u {
        Unread::Refused(_) => TeamError::Key("deze sleutel past niet bij het team in deze map".into()),
        Unread::Waiting(r) => TeamError::File { name: "team.twt".into(), reason: r },
    })?;
    let info: TeamInfo = serde_json::from_slice(&info).map_err(|e| TeamError::File { name: "team.twt".into(), reason: e.to_string() })?;
    {
        let store = Store::open(data_dir)?;
        if let Some(m) = store.membership()? {
            return Err(TeamError::AlreadyInTeam(m.team_name));
        }
        let i = store.info()?;
        if !replace && (i.providers + i.cooperatives + i.tenders + i.documents) > 0 {
            return Err(TeamError::StoreNotEmpty(format!(
                "{} aanbieders, {} aanbestedingen en {} documenten",
                i.providers + i.cooperatives,
                i.tenders,
                i.documents
            )));
        }
    }
    let snapshot =
        folder.snapshots()?.pop().ok_or_else(|| TeamError::File { name: "snapshots".into(), reason: "geen startpunt in de gedeelde map".into() })?;
    let (h, db) =
        files::read(&snapshot, key).map_err(|u| TeamError::File { name: snapshot.display().to_string(), reason: u.reason().to_string() })?;
    if h.team_id != info.team_id {
        return Err(TeamError::File { name: snapshot.display().to_string(), reason: "hoort bij een ander team".into() });
    }
    replace_database(data_dir, &db)?;
    let mut store = Store::open(data_dir)?;
    let m = Membership {
        team_id: info.team_id,
        team_name: info.name,
        device_id: uuid::Uuid::now_v7().to_string(),
        device_name: device_name.trim().to_string(),
        folder: shared.display().to_string(),
        key_hex: key.to_hex(),
        last_sync_at: None,
    };
    store.become_member(&m)?;
    sync(&mut store)
}

/// Puts a snapshot in place of the (closed) store's database, after SQLite checked it.
fn replace_database(data_dir: &Path, db: &[u8]) -> Result<()> {
    let tmp_dir = data_dir.join("tmp");
    std::fs::create_dir_all(&tmp_dir).map_err(|e| TeamError::io(&tmp_dir, &e))?;
    let mut tmp = tempfile::NamedTempFile::new_in(&tmp_dir).map_err(|e| TeamError::io(&tmp_dir, &e))?;
    std::io::Write::write_all(&mut tmp, db).map_err(|e| TeamError::io(tmp.path(), &e))?;
    tmp.as_file().sync_all().map_err(|e| TeamError::io(tmp.path(), &e))?;
    let verdict = tenderwacht_core::db::integrity_check(tmp.path())?;
    if verdict != "ok" {
        return Err(TeamError::File { name: "startpunt".into(), reason: format!("database beschadigd: {verdict}") });
    }
    let target = data_dir.join(tenderwacht_core::datadir::DB_FILE);
    for suffix in ["-wal", "-shm"] {
        let side = data_dir.join(format!("{}{suffix}", tenderwacht_core::datadir::DB_FILE));
        if side.exists() {
            std::fs::remove_file(&side).map_err(|e| TeamError::io(&side, &e))?;
        }
    }
    tmp.persist(&target).map_err(|e| TeamError::io(&target, &e.error))?;
    Ok(())
}

/// One sync round: own changes and document files out, the others' changes in and applied.
pub fn sync(store: &mut Store) -> Result<SyncReport> {
    let m = store.membership()?.ok_or(TeamError::NotInTeam)?;
    let key = key_of(&m)?;
    let folder = Folder::new(Path::new(&m.folder));
    folder.reachable()?;
    let schema = store.schema_version()?;
    let mut report = SyncReport::default();
    let own = folder.device_file(&m.device_id);
    if files::read(&own, &key).map(|(h, _)| h.schema_version != schema).unwrap_or(true) {
        let info = DeviceInfo { device_id: m.device_id.clone(), name: m.device_name.clone(), schema_version: schema };
        files::write(&own, &key, header(FileKind::Device, &m, schema, 0, 0), &json(&info)?)?;
    }
    // This round's own entries, in files of up to ENTRIES_PER_FILE of one schema version.
    let pending = store.unexported_entries()?;
    for chunk in pending.chunk_by(|a, b| a.schema_version == b.schema_version).flat_map(|c| c.chunks(ENTRIES_PER_FILE)) {
        let (Some(first), Some(last)) = (chunk.first(), chunk.last()) else { continue };
        let path = folder.change_file(&m.device_id, first.seq, last.seq);
        let body = files::encode_entries(chunk);
        let already = files::read(&path, &key).is_ok_and(|(_, plain)| plain == body);
        if !already {
            let mut h = header(FileKind::Changes, &m, first.schema_version, first.seq, last.hlc);
            h.last_seq = last.seq;
            files::write(&path, &key, h, &body)?;
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
            files::write(&path, &key, header(FileKind::Blob, &m, schema, 0, 0), &bytes)?;
            report.files_sent += 1;
        }
        store.mark_blob_sent(&sha)?;
    }
    let names = device_names(&folder, &key)?;
    let mut entries = vec![];
    let mut applied_files = vec![];
    for f in folder.change_files()? {
        if f.device_id == m.device_id || store.has_entries(&f.device_id, f.first, f.last)? {
            continue;
        }
        match read_change(&f.path, &key, &m, &f.device_id, (f.first, f.last), schema) {
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
    for name in &applied_files {
        store.clear_waiting_file(name)?;
    }
    report.applied = outcome.applied;
    report.replayed = outcome.replayed;
    report.conflicts = outcome.conflicts;
    report.waiting = store.waiting_files()?.into_iter().map(|(name, reason)| WaitingFile { name, reason }).collect();
    store.note_team_synced()?;
    Ok(report)
}

/// Reads a change file into its entries (and the writer's name), or says why it waits.
fn read_change(
    path: &Path,
    key: &TeamKey,
    m: &Membership,
    device: &str,
    range: (i64, i64),
    schema: i64,
) -> std::result::Result<(String, Vec<Entry>), Unread> {
    let (h, body) = files::read(path, key)?;
    if h.kind != FileKind::Changes || h.team_id != m.team_id {
        return Err(Unread::Refused("geweigerd: hoort niet bij dit team".into()));
    }
    if h.device_id != device || (h.seq, h.last_seq) != range {
        return Err(Unread::Refused("geweigerd: naam en inhoud verschillen".into()));
    }
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

fn device_names(folder: &Folder, key: &TeamKey) -> Result<HashMap<String, String>> {
    let dir = folder.device_file("x").parent().map(Path::to_path_buf).unwrap_or_default();
    let mut out = HashMap::new();
    let Ok(list) = std::fs::read_dir(&dir) else { return Ok(out) };
    for f in list.flatten() {
        if let Ok((_, plain)) = files::read(&f.path(), key) {
            if let Ok(info) = serde_json::from_slice::<DeviceInfo>(&plain) {
                out.insert(info.device_id, info.name);
            }
        }
    }
    Ok(out)
}

/// Makes sure a document file is here, fetching it from the team folder when a teammate added
/// it; false when it has not arrived there yet ("wordt opgehaald").
pub fn fetch_blob(store: &Store, sha256: &str) -> Result<bool> {
    if store.blobs().exists(sha256) {
        return Ok(true);
    }
    let Some(m) = store.membership()? else { return Ok(false) };
    let key = key_of(&m)?;
    let folder = Folder::new(Path::new(&m.folder));
    if folder.reachable().is_err() {
        return Ok(false);
    }
    match files::read(&folder.blob_file(&key.blob_name(sha256)), &key) {
        Ok((h, bytes)) if h.kind == FileKind::Blob && h.team_id == m.team_id => {
            store.blobs().put_bytes(sha256, &bytes)?;
            Ok(true)
        }
        _ => Ok(false),
    }
}

/// The team as this laptop sees it (without touching the folder beyond a reachability check).
pub fn status(store: &Store) -> Result<TeamStatus> {
    let m = store.membership()?.ok_or(TeamError::NotInTeam)?;
    Ok(TeamStatus {
        reachable: Folder::new(Path::new(&m.folder)).reachable().is_ok(),
        team_name: m.team_name,
        device_name: m.device_name,
        folder: m.folder,
        devices: store.team_devices()?,
        outgoing: store.unexported_count()?,
        waiting: store.waiting_files()?.into_iter().map(|(name, reason)| WaitingFile { name, reason }).collect(),
        open_conflicts: store.team_conflicts(true)?.len(),
        last_sync_at: m.last_sync_at,
    })
}

/// This computer's name, for a laptop that was not given one.
pub fn default_device_name() -> String {
    let from_env = ["COMPUTERNAME", "HOSTNAME"].iter().find_map(|v| std::env::var(v).ok());
    let from_file = || std::fs::read_to_string("/etc/hostname").ok();
    from_env.or_else(from_file).map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).unwrap_or_else(|| "Laptop".to_string())
}

/// Fetches every document file this store references but does not hold (before a submission
/// pack or a backup needs them); returns how many arrived and how many are still on their way.
pub fn fetch_missing_blobs(store: &Store) -> Result<(usize, usize)> {
    let (mut fetched, mut missing) = (0, 0);
    for (sha, _) in store.blob_list()? {
        if store.blobs().exists(&sha) {
            continue;
        }
        if fetch_blob(store, &sha)? {
            fetched += 1;
        } else {
            missing += 1;
        }
    }
    Ok((fetched, missing))
}
