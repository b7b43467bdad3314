//! Where the store lives: the platform's app-data folder unless the user points elsewhere
//! (`--data-dir` / `TENDERWACHT_DATA_DIR`), so the desktop app and the CLI share one folder.

use crate::error::{CoreError, Result};
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
        .ok_or_else(|| CoreError::DataDir("geen thuismap gevonden; geef --data-dir op".into()))
}

/// Creates the data folder and its sub-folders when missing.
pub fn ensure(dir: &Path) -> Result<()> {
    for p in [dir.to_path_buf(), dir.join(FILES_DIR), dir.join("tmp")] {
        std::fs::create_dir_all(&p).map_err(|e| CoreError::io(&p, e))?;
    }
    Ok(())
}
