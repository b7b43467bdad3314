//! Backups that restore: one zip holding a consistent SQLite snapshot (the online backup API, so
//! the app may keep running), every document file and a manifest of their hashes. Restoring checks
//! every hash and the database's integrity before replacing anything, keeps the replaced database
//! aside, and never uses a name from inside the zip as a path (zip-slip safe). The app makes one
//! backup a day on start and keeps the last N.

use crate::atomic::AtomicFile;
use crate::error::{ExportError, Result};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use tenderwacht_store::{
    datadir::{DB_FILE, FILES_DIR},
    Store,
};

pub const BACKUP_DIR: &str = "backups";
const MANIFEST: &str = "manifest.json";
const DB_ENTRY: &str = "tenderwacht.sqlite";

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ManifestFile {
    pub sha256: String,
    pub size: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Manifest {
    pub format: u32,
    pub created_at: DateTime<Utc>,
    pub schema_version: i64,
    pub database: ManifestFile,
    pub files: Vec<ManifestFile>,
}

/// A backup on disk.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct BackupInfo {
    #[ts(type = "string")]
    pub path: PathBuf,
    pub name: String,
    #[ts(type = "number")]
    pub size: u64,
    pub created_at: Option<DateTime<Utc>>,
}

fn is_sha(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Streams `from` into `to`, returning (sha256, size).
pub(crate) fn copy_hashing(from: &mut dyn Read, to: &mut dyn Write, what: &Path) -> Result<(String, u64)> {
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    let mut size = 0u64;
    loop {
        let n = from.read(&mut buf).map_err(|e| ExportError::io(what, e))?;
        if n == 0 {
            break;
        }
        let chunk = buf.get(..n).unwrap_or_default();
        hasher.update(chunk);
        to.write_all(chunk).map_err(|e| ExportError::io(what, e))?;
        size += n as u64;
    }
    Ok((hex::encode(hasher.finalize()), size))
}

/// Writes a backup of the store to `target`.
pub fn create(store: &Store, target: &Path) -> Result<BackupInfo> {
    let tmp_dir = store.data_dir().join("tmp");
    std::fs::create_dir_all(&tmp_dir).map_err(|e| ExportError::io(&tmp_dir, e))?;
    let snapshot = tempfile::NamedTempFile::new_in(&tmp_dir).map_err(|e| ExportError::io(&tmp_dir, e))?;
    store.snapshot_to(snapshot.path()).map_err(|e| ExportError::Backup { path: target.to_path_buf(), message: e.to_string() })?;
    let schema_version = store.schema_version()?;
    let blobs = store.blob_list()?;
    let out = AtomicFile::create_private(target)?;
    let mut zip = zip::ZipWriter::new(std::io::BufWriter::with_capacity(1 << 20, out));
    let zerr = |e: zip::result::ZipError| ExportError::Backup { path: target.to_path_buf(), message: e.to_string() };
    let deflated = crate::atomic::zip_options().compression_method(zip::CompressionMethod::Deflated).large_file(true);
    let stored = crate::atomic::zip_options().compression_method(zip::CompressionMethod::Stored).large_file(true);
    zip.start_file(DB_ENTRY, deflated).map_err(zerr)?;
    let mut db = std::fs::File::open(snapshot.path()).map_err(|e| ExportError::io(snapshot.path(), e))?;
    let (db_sha, db_size) = copy_hashing(&mut db, &mut zip, snapshot.path())?;
    let mut files = vec![];
    for (sha, size) in blobs {
        let path = store.blobs().path_of(&sha);
        let mut f = std::fs::File::open(&path).map_err(|e| ExportError::io(&path, e))?;
        zip.start_file(format!("{FILES_DIR}/{sha}"), stored).map_err(zerr)?;
        let (actual, n) = copy_hashing(&mut f, &mut zip, &path)?;
        if actual != sha || n != size {
            return Err(ExportError::Backup {
                path: target.to_path_buf(),
                message: format!("documentbestand {sha} is beschadigd; de back-up is niet gemaakt"),
            });
        }
        files.push(ManifestFile { sha256: sha, size });
    }
    let created_at = Utc::now();
    let manifest = Manifest { format: 1, created_at, schema_version, database: ManifestFile { sha256: db_sha, size: db_size }, files };
    zip.start_file(MANIFEST, deflated).map_err(zerr)?;
    let json = serde_json::to_vec_pretty(&manifest).map_err(|e| ExportError::format("manifest", e))?;
    zip.write_all(&json).map_err(|e| ExportError::io(target, e))?;
    let buffered = zip.finish().map_err(zerr)?;
    let file = buffered.into_inner().map_err(|e| ExportError::io(target, e.into_error()))?;
    let path = file.commit()?;
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    Ok(BackupInfo { name: path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(), path, size, created_at: Some(created_at) })
}

/// The backups in a data folder, newest first.
pub fn list(data_dir: &Path) -> Result<Vec<BackupInfo>> {
    let dir = data_dir.join(BACKUP_DIR);
    let mut out = vec![];
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
        Err(e) => return Err(ExportError::io(&dir, e)),
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if !name.starts_with("tenderwacht-") || !name.ends_with(".zip") {
            continue;
        }
        let meta = e.metadata().ok();
        out.push(BackupInfo {
            path: e.path(),
            name,
            size: meta.as_ref().map_or(0, std::fs::Metadata::len),
            created_at: meta.and_then(|m| m.modified().ok()).map(DateTime::<Utc>::from),
        });
    }
    out.sort_by(|a, b| moment_key(&b.name).cmp(&moment_key(&a.name)).then_with(|| b.created_at.cmp(&a.created_at)));
    Ok(out)
}

/// When a backup was made, as its name says: the daily one ("tenderwacht-2026-12-03.zip") at
/// the start of its day, one made by hand ("tenderwacht-2026-12-03-153012.zip") at its time.
fn moment_key(name: &str) -> String {
    let stem = name.trim_start_matches("tenderwacht-").trim_end_matches(".zip");
    match stem.len() {
        10 => format!("{stem}-000000"),
        _ => stem.to_string(),
    }
}

/// Makes today's backup if there is none yet, and keeps only the newest `keep`.
pub fn daily(store: &Store, today: NaiveDate, keep: usize) -> Result<Option<BackupInfo>> {
    let dir = store.data_dir().join(BACKUP_DIR);
    let name = format!("tenderwacht-{today}.zip");
    let made = if dir.join(&name).exists() { None } else { Some(create(store, &dir.join(&name))?) };
    for old in list(store.data_dir())?.into_iter().skip(keep.max(1)) {
        std::fs::remove_file(&old.path).map_err(|e| ExportError::io(&old.path, e))?;
    }
    Ok(made)
}

/// A name for a backup made by hand now.
pub fn manual_name(now: DateTime<Utc>) -> String {
    format!("tenderwacht-{}.zip", now.with_timezone(&chrono_tz::Europe::Amsterdam).format("%Y-%m-%d-%H%M%S"))
}

/// The most a manifest may be (a million document files' hashes are ~100 MB; ours are far fewer).
const MANIFEST_BYTES: u64 = 64 << 20;

/// A new folder for the database a restore replaces: `voor-herstel-<moment>`, with a number added
/// when that exists (two restores in one second must not overwrite the first's kept copy).
fn kept_folder(data_dir: &Path) -> Result<PathBuf> {
    let stamp = Utc::now().format("%Y%m%d-%H%M%S");
    for n in 1..1000 {
        let name = if n == 1 { format!("voor-herstel-{stamp}") } else { format!("voor-herstel-{stamp}-{n}") };
        let path = data_dir.join(name);
        match std::fs::create_dir(&path) {
            Ok(()) => return Ok(path),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(ExportError::io(&path, e)),
        }
    }
    Err(ExportError::Invalid("geen vrije naam voor de bewaarde database".into()))
}

/// Why a database file may not become the store's, if it may not.
pub(crate) enum Refused {
    /// `integrity_check` did not say "ok" (what it said).
    Damaged(String),
    /// Not a Tenderwacht store of a schema this version knows, exactly as the migrations make it.
    NotOurs(String),
}

/// The checks a database passes before it replaces the store (a backup's, or one a restore set
/// aside): whole, and a Tenderwacht store of a schema this version knows.
pub(crate) fn refused_database(db: &Path) -> Result<Option<Refused>> {
    let check = tenderwacht_store::db::integrity_check(db)?;
    if check != "ok" {
        return Ok(Some(Refused::Damaged(check)));
    }
    Ok(tenderwacht_store::db::check_store_file(db)?.err().map(Refused::NotOurs))
}

/// Moves the data folder's database (with its journal) into a new `voor-herstel` folder and
/// returns that folder: what a restore, or the undoing of one, replaces is always kept.
pub(crate) fn set_aside(data_dir: &Path) -> Result<PathBuf> {
    let previous = kept_folder(data_dir)?;
    for suffix in ["", "-wal", "-shm"] {
        let current = data_dir.join(format!("{DB_FILE}{suffix}"));
        if current.exists() {
            let kept = previous.join(format!("{DB_FILE}{suffix}"));
            std::fs::rename(&current, &kept).map_err(|e| ExportError::io(&current, e))?;
        }
    }
    Ok(previous)
}

/// What an entry inside a backup is; anything else makes the backup untrusted.
enum Entry {
    Manifest,
    Database,
    File(String),
}

fn classify(name: &str) -> Option<Entry> {
    match name {
        MANIFEST => Some(Entry::Manifest),
        DB_ENTRY => Some(Entry::Database),
        _ => name.strip_prefix("files/").filter(|s| is_sha(s)).map(|s| Entry::File(s.to_string())),
    }
}

/// Result of a restore.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct RestoreReport {
    pub files: u32,
    pub created_at: DateTime<Utc>,
    /// Where the replaced database was kept.
    #[ts(type = "string")]
    pub previous: PathBuf,
}

/// Restores a backup into `data_dir`. No store may be open on it. Everything is unpacked and
/// verified in a staging folder first; the current database is only moved aside (kept) once the
/// backup has proven whole.
pub fn restore(backup: &Path, data_dir: &Path) -> Result<RestoreReport> {
    let bad = |message: String| ExportError::Backup { path: backup.to_path_buf(), message };
    let file = std::fs::File::open(backup).map_err(|e| ExportError::io(backup, e))?;
    let mut archive = zip::ZipArchive::new(file).map_err(|e| bad(format!("geen leesbare back-up ({e})")))?;
    // The manifest first: it states every entry's size, and nothing is unpacked beyond it.
    let manifest: Manifest = {
        let mut entry = archive.by_name(MANIFEST).map_err(|_| bad("manifest ontbreekt".into()))?;
        let mut text = String::new();
        entry.by_ref().take(MANIFEST_BYTES + 1).read_to_string(&mut text).map_err(|e| bad(e.to_string()))?;
        if text.len() as u64 > MANIFEST_BYTES {
            return Err(bad("manifest te groot".into()));
        }
        serde_json::from_str(&text).map_err(|e| bad(format!("manifest onleesbaar ({e})")))?
    };
    if archive.len() > manifest.files.len() + 2 + 16 {
        return Err(bad(format!("{} onderdelen, het manifest noemt er {}", archive.len(), manifest.files.len() + 2)));
    }
    let declared: std::collections::HashMap<&str, u64> = manifest.files.iter().map(|f| (f.sha256.as_str(), f.size)).collect();
    std::fs::create_dir_all(data_dir).map_err(|e| ExportError::io(data_dir, e))?;
    let staging = tempfile::Builder::new().prefix(".restore-").tempdir_in(data_dir).map_err(|e| ExportError::io(data_dir, e))?;
    let staged_db = staging.path().join(DB_FILE);
    let mut db_hash: Option<(String, u64)> = None;
    let mut file_hashes: Vec<(String, u64)> = vec![];
    // Unpacks one entry, refusing as soon as it passes the size the manifest states.
    let unpack = |entry: &mut dyn Read, dest: &Path, limit: u64, what: &str| -> Result<(String, u64)> {
        let mut out = std::fs::File::create(dest).map_err(|e| ExportError::io(dest, e))?;
        let (sha, size) = copy_hashing(&mut entry.take(limit + 1), &mut out, dest)?;
        if size > limit {
            return Err(bad(format!("{what} is groter dan het manifest zegt ({limit} bytes)")));
        }
        Ok((sha, size))
    };
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|e| bad(e.to_string()))?;
        let name = entry.name().to_string();
        match classify(&name) {
            None if entry.is_dir() => {}
            None => return Err(bad(format!("onverwacht onderdeel '{}' in de back-up", name.chars().take(80).collect::<String>()))),
            Some(Entry::Manifest) => {}
            Some(Entry::Database) => db_hash = Some(unpack(&mut entry, &staged_db, manifest.database.size, "de database")?),
            Some(Entry::File(sha)) => {
                let limit = *declared.get(sha.as_str()).ok_or_else(|| bad(format!("documentbestand {sha} staat niet in het manifest")))?;
                let (actual, size) = unpack(&mut entry, &staging.path().join(&sha), limit, "een documentbestand")?;
                if actual != sha {
                    return Err(bad(format!("documentbestand {sha} klopt niet met zijn hash")));
                }
                file_hashes.push((sha, size));
            }
        }
    }
    let (db_sha, db_size) = db_hash.ok_or_else(|| bad("database ontbreekt".into()))?;
    if db_sha != manifest.database.sha256 || db_size != manifest.database.size {
        return Err(bad("de database klopt niet met het manifest".into()));
    }
    for f in &manifest.files {
        if !file_hashes.iter().any(|(s, n)| *s == f.sha256 && *n == f.size) {
            return Err(bad(format!("documentbestand {} ontbreekt of heeft de verkeerde grootte", f.sha256)));
        }
    }
    match refused_database(&staged_db)? {
        Some(Refused::Damaged(check)) => return Err(bad(format!("database beschadigd: {check}"))),
        Some(Refused::NotOurs(why)) => return Err(bad(format!("geen Tenderwacht-back-up: {why}"))),
        None => {}
    }
    // Proven whole: document files first (content-addressed, so existing ones are identical),
    // then the database, keeping the current one aside.
    let blobs = tenderwacht_store::blobs::BlobStore::new(data_dir);
    for (sha, _) in &file_hashes {
        let dest = blobs.path_of(sha);
        if dest.exists() {
            continue;
        }
        if let Some(parent) = dest.parent() {
            std::fs::create_dir_all(parent).map_err(|e| ExportError::io(parent, e))?;
        }
        std::fs::rename(staging.path().join(sha), &dest).map_err(|e| ExportError::io(&dest, e))?;
    }
    let previous = set_aside(data_dir)?;
    let target = data_dir.join(DB_FILE);
    std::fs::rename(&staged_db, &target).map_err(|e| ExportError::io(&target, e))?;
    Ok(RestoreReport { files: u32::try_from(file_hashes.len()).unwrap_or(u32::MAX), created_at: manifest.created_at, previous })
}
