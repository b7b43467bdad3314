//! Errors of exports, imports and backups, each naming the file or the item, so the consultant
//! reads what to fix; serialisable for the app like the core's errors.

use std::path::{Path, PathBuf};
use tenderwacht_core::CoreError;

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{path}: {}", tenderwacht_core::error::describe_io(source))]
    Io { path: PathBuf, source: std::io::Error },
    /// The pack cannot be made without forcing: items missing or invalid at closing.
    #[error("{count} onderdelen ontbreken of zijn ongeldig bij sluiting: {list}", count = blockers.len(), list = blockers.join("; "))]
    Blocked { blockers: Vec<String> },
    #[error("{what}: {message}")]
    Format { what: String, message: String },
    #[error("back-up {path}: {message}")]
    Backup { path: PathBuf, message: String },
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Core(#[from] CoreError),
}

impl ExportError {
    pub fn io(path: impl AsRef<Path>, source: std::io::Error) -> Self {
        Self::Io { path: path.as_ref().to_path_buf(), source }
    }

    pub fn format(what: impl Into<String>, message: impl std::fmt::Display) -> Self {
        Self::Format { what: what.into(), message: message.to_string() }
    }
}

impl From<rusqlite::Error> for ExportError {
    fn from(e: rusqlite::Error) -> Self {
        Self::Core(CoreError::from(e))
    }
}

pub type Result<T> = std::result::Result<T, ExportError>;
