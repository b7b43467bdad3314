//! Errors of exports, imports and backups, each naming the file or the item, so the consultant
//! reads what to fix; serialisable for the app like the core's errors.

use std::path::{Path, PathBuf};
use tenderwacht_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{path}: {}", tenderwacht_store::error::describe_io(source))]
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
    Core(#[from] StoreError),
}

/// A domain rule's refusal reaches the caller as the store's error (same code, field and message).
impl From<tenderwacht_domain::DomainError> for ExportError {
    fn from(e: tenderwacht_domain::DomainError) -> Self {
        Self::Core(e.into())
    }
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
        Self::Core(StoreError::from(e))
    }
}

pub type Result<T> = std::result::Result<T, ExportError>;
