//! Joining the team: set it up on the first laptop (a key and a starting snapshot) and join from
//! the others (take the newest snapshot as this store, then sync).

use crate::crypt::TeamKey;
use crate::error::{Result, TeamError};
use crate::files::{self, FileKind, Unread};
use crate::folder::Folder;
use crate::ops::{sync, SyncReport};
use crate::records::{header, json, write_snapshot, TeamInfo};
use std::path::Path;
use tenderwacht_domain::team::Membership;
use tenderwacht_store::Store;

/// Sets up a team in `shared` with this store as its starting point; returns the key to give
/// the others.
pub fn init(store: &mut Store, shared: &Path, team_name: &str, device_name: &str) -> Result<TeamKey> {
    if let Some(m) = store.membership()? {
        return Err(TeamError::AlreadyInTeam(m.team_name));
    }
    if team_name.trim().is_empty() {
        return Err(TeamError::Core(tenderwacht_store::StoreError::invalid("naam", "geef het team een naam")));
    }
    Folder::new(shared).reachable()?;
    let shared = &absolute(shared)?;
    let folder = Folder::new(shared);
    if folder.team_file().exists() {
        return Err(TeamError::FolderTaken(shared.to_path_buf()));
    }
    let key = TeamKey::generate();
    let m = Membership::new_device(&uuid::Uuid::now_v7().to_string(), team_name, device_name, &shared.display().to_string(), key.to_hex());
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
pub(crate) fn absolute(shared: &Path) -> Result<std::path::PathBuf> {
    std::fs::canonicalize(shared)
        .map_err(|e| TeamError::Unreachable { path: shared.to_path_buf(), message: tenderwacht_store::error::describe_io(&e) })
}

/// The starting point for a laptop that joins: the whole database, sealed.
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
    let (team_header, info) = files::read(&team_path, key).map_err(|u| match u {
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
    // The newest snapshot that reads as this team's; a junk or broken file that sorts as newer is
    // skipped for the next good one.
    let mut skipped = vec![];
    let mut found = None;
    for snapshot in folder.snapshots()?.into_iter().rev() {
        match files::read(&snapshot, key) {
            Ok((h, db)) if h.team_id == info.team_id && h.kind == files::FileKind::Snapshot => {
                found = Some(db);
                break;
            }
            Ok(_) => skipped.push(format!("{}: hoort bij een ander team", snapshot.display())),
            Err(u) => skipped.push(format!("{}: {}", snapshot.display(), u.reason())),
        }
    }
    let db = found.ok_or_else(|| TeamError::File {
        name: "snapshots".into(),
        reason: if skipped.is_empty() {
            "geen startpunt in de gedeelde map".into()
        } else {
            format!("geen bruikbaar startpunt ({})", skipped.join("; "))
        },
    })?;
    replace_database(data_dir, &db)?;
    let mut store = Store::open(data_dir)?;
    let mut m = Membership::new_device(&info.team_id, &info.name, device_name, &shared.display().to_string(), key.to_hex());
    m.key_epoch = i64::from(team_header.epoch);
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
    let verdict = tenderwacht_store::db::integrity_check(tmp.path())?;
    if verdict != "ok" {
        return Err(TeamError::File { name: "startpunt".into(), reason: format!("database beschadigd: {verdict}") });
    }
    let target = data_dir.join(tenderwacht_store::datadir::DB_FILE);
    for suffix in ["-wal", "-shm"] {
        let side = data_dir.join(format!("{}{suffix}", tenderwacht_store::datadir::DB_FILE));
        if side.exists() {
            std::fs::remove_file(&side).map_err(|e| TeamError::io(&side, &e))?;
        }
    }
    tmp.persist(&target).map_err(|e| TeamError::io(&target, &e.error))?;
    Ok(())
}

/// This computer's name, for a laptop that was not given one.
pub fn default_device_name() -> String {
    let from_env = ["COMPUTERNAME", "HOSTNAME"].iter().find_map(|v| std::env::var(v).ok());
    let from_file = || std::fs::read_to_string("/etc/hostname").ok();
    from_env.or_else(from_file).map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).unwrap_or_else(|| "Laptop".to_string())
}
