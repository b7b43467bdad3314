//! The databases a restore set aside (`voor-herstel-<moment>` in the data folder): listed newest
//! first and put back on request, so a restore of the wrong backup can be undone in the app. The
//! kept copy is checked as a backup's database is (a Tenderwacht store this version knows, whole)
//! and copied, not moved: the database it replaces is set aside in its turn, and nothing is lost.

use crate::backup::{refused_database, set_aside, Refused, RestoreReport};
use crate::error::{ExportError, Result};
use chrono::{DateTime, NaiveDateTime, Utc};
use serde::Serialize;
use std::path::Path;
use tenderwacht_store::datadir::DB_FILE;

const PREFIX: &str = "voor-herstel-";

/// One database set aside by a restore.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct KeptCopy {
    /// The folder's name, e.g. "voor-herstel-20261203-153012".
    pub name: String,
    /// When it was set aside (from the name).
    pub kept_at: Option<DateTime<Utc>>,
    #[ts(type = "number")]
    pub size: u64,
}

fn moment_of(name: &str) -> Option<DateTime<Utc>> {
    let stamp = name.strip_prefix(PREFIX)?.get(..15)?;
    NaiveDateTime::parse_from_str(stamp, "%Y%m%d-%H%M%S").ok().map(|t| t.and_utc())
}

/// The kept databases in a data folder, newest first (only folders that hold one).
pub fn list(data_dir: &Path) -> Result<Vec<KeptCopy>> {
    let entries = match std::fs::read_dir(data_dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(vec![]),
        Err(e) => return Err(ExportError::io(data_dir, e)),
    };
    let mut out: Vec<KeptCopy> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let db = e.path().join(DB_FILE);
            let meta = std::fs::symlink_metadata(&db).ok().filter(std::fs::Metadata::is_file)?;
            name.starts_with(PREFIX).then(|| KeptCopy { kept_at: moment_of(&name), size: meta.len(), name })
        })
        .collect();
    out.sort_by(|a, b| b.name.cmp(&a.name));
    Ok(out)
}

/// Puts a kept database back as the store's database. No store may be open on the data folder.
/// The current database is set aside first (a new `voor-herstel` folder), so this too can be undone.
pub fn restore(data_dir: &Path, name: &str) -> Result<RestoreReport> {
    let Some(found) = list(data_dir)?.into_iter().find(|k| k.name == name) else {
        return Err(ExportError::Invalid(format!("bewaarde database '{name}' niet gevonden")));
    };
    let source = data_dir.join(&found.name);
    let bad = |message: String| ExportError::Backup { path: source.clone(), message };
    // Checked in a staging copy with its journal, never in place: checking must not change it.
    let staging = tempfile::Builder::new().prefix(".terug-").tempdir_in(data_dir).map_err(|e| ExportError::io(data_dir, e))?;
    for suffix in ["", "-wal"] {
        let from = source.join(format!("{DB_FILE}{suffix}"));
        if from.is_file() {
            let to = staging.path().join(format!("{DB_FILE}{suffix}"));
            std::fs::copy(&from, &to).map_err(|e| ExportError::io(&from, e))?;
        }
    }
    let staged = staging.path().join(DB_FILE);
    match refused_database(&staged)? {
        Some(Refused::Damaged(check)) => return Err(bad(format!("database beschadigd: {check}"))),
        Some(Refused::NotOurs(why)) => return Err(bad(format!("geen Tenderwacht-database: {why}"))),
        None => {}
    }
    let previous = set_aside(data_dir)?;
    for suffix in ["", "-wal"] {
        let from = staging.path().join(format!("{DB_FILE}{suffix}"));
        if from.is_file() {
            let to = data_dir.join(format!("{DB_FILE}{suffix}"));
            std::fs::rename(&from, &to).map_err(|e| ExportError::io(&to, e))?;
        }
    }
    Ok(RestoreReport { files: 0, created_at: found.kept_at.unwrap_or_else(Utc::now), previous })
}
