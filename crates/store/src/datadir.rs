//! Where the store lives: the platform's app-data folder unless the user points elsewhere
//! (`--data-dir` / `TENDERWACHT_DATA_DIR`), so the desktop app and the CLI share one folder.

use crate::error::{Result, StoreError};
use std::path::{Path, PathBuf};

/// Environment variable that overrides the data folder for both binaries.
pub const DATA_DIR_ENV: &str = "TENDERWACHT_DATA_DIR";

/// File name of the database inside the data folder.
pub const DB_FILE: &str = "tenderwacht.sqlite";

/// Folder for content-addressed document files inside the data folder.
pub const FILES_DIR: &str = "files";

/// Resolves the data folder: explicit argument, then environment, then the platform default
/// (e.g. `~/.local/share/tenderwacht` on Linux).
pub fn resolve(explicit: Option<&Path>) -> Result<PathBuf> {
    if let Some(p) = explicit {
        return Ok(p.to_path_buf());
    }
    if let Some(p) = std::env::var_os(DATA_DIR_ENV).filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    directories::ProjectDirs::from("nl", "Tenderwacht", "tenderwacht")
        .map(|d| d.data_dir().to_path_buf())
        .ok_or_else(|| StoreError::DataDir("geen thuismap gevonden; geef --data-dir op".into()))
}

/// The message for a data folder Tenderwacht cannot write to.
fn read_only(dir: &Path) -> StoreError {
    StoreError::DataDir(format!(
        "{} is alleen-lezen: Tenderwacht kan hier niets opslaan en heeft niets veranderd. Kies met --data-dir (of TENDERWACHT_DATA_DIR) een map waarin u mag schrijven.",
        dir.display()
    ))
}

fn is_read_only(e: &std::io::Error) -> bool {
    matches!(e.kind(), std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem)
}

/// Creates the data folder and its sub-folders when missing, and checks that it can be written
/// (a probe file in `tmp/`, removed at once), so a read-only folder gets one clear message
/// before anything is attempted.
pub fn ensure(dir: &Path) -> Result<()> {
    for p in [dir.to_path_buf(), dir.join(FILES_DIR), dir.join("tmp")] {
        std::fs::create_dir_all(&p).map_err(|e| if is_read_only(&e) { read_only(dir) } else { StoreError::io(&p, e) })?;
    }
    let tmp = dir.join("tmp");
    tempfile::NamedTempFile::new_in(&tmp).map_err(|e| if is_read_only(&e) { read_only(dir) } else { StoreError::io(&tmp, e) })?;
    let db = dir.join(DB_FILE);
    if db.exists() {
        std::fs::OpenOptions::new().append(true).open(&db).map_err(|e| if is_read_only(&e) { read_only(dir) } else { StoreError::io(&db, e) })?;
    }
    Ok(())
}

/// Removes everything Tenderwacht keeps in a data folder (the database with its journal, the
/// document files, working copies, backups, databases a restore set aside, temporary files), for
/// a laptop that leaves its team and is not to keep the data. Anything else a person put in the
/// folder stays. The store must be closed.
pub fn wipe(dir: &Path) -> Result<usize> {
    let ours = |name: &str| {
        name.starts_with(DB_FILE)
            || name.starts_with("voor-herstel-")
            || [FILES_DIR, "tmp", "backups", crate::bid::working_copies::WORKING_COPY_DIR].contains(&name)
    };
    let list = match std::fs::read_dir(dir) {
        Ok(l) => l,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(StoreError::io(dir, e)),
    };
    let mut removed = 0;
    for entry in list.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !ours(&name) {
            continue;
        }
        let path = entry.path();
        let outcome = if entry.file_type().is_ok_and(|t| t.is_dir()) { std::fs::remove_dir_all(&path) } else { std::fs::remove_file(&path) };
        outcome.map_err(|e| StoreError::io(&path, e))?;
        removed += 1;
    }
    Ok(removed)
}
