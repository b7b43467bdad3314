//! The store's typed error: the domain's refusals (wrapped, with their field) plus what only
//! storage can go wrong with, so callers (CLI, desktop) can tell a user's wrong input from a
//! broken store, and name the field that was wrong, instead of passing strings around.

use serde::Serialize;
use std::path::PathBuf;
pub use tenderwacht_domain::{DomainError, ErrorBody, ErrorCode};

/// Everything that can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A rule of the domain refused a value (`Invalid` names the field).
    #[error(transparent)]
    Domain(#[from] DomainError),

    /// A referenced thing does not exist.
    #[error("{what} niet gevonden: {key}")]
    NotFound { what: &'static str, key: String },

    /// A reference matched more than one thing; the user must be more specific.
    #[error("{what} '{key}' is niet eenduidig: {candidates}")]
    Ambiguous { what: &'static str, key: String, candidates: String },

    /// The operation would create something that already exists.
    #[error("{what} bestaat al: {key}")]
    Duplicate { what: &'static str, key: String },

    /// A value another record already holds (a KvK number); the message names that record.
    #[error("{message}")]
    Taken { field: &'static str, message: String },

    #[error("databasefout: {0}")]
    Sqlite(#[from] rusqlite::Error),

    #[error("migratie van de database mislukt: {0}")]
    Migration(#[from] rusqlite_migration::Error),

    /// The store was written by a newer Tenderwacht (a teammate updated first): this version
    /// leaves it alone rather than guess at a schema it does not know.
    #[error("deze gegevensmap is bijgewerkt door een nieuwere versie van Tenderwacht (schema {found}; deze versie kent tot en met {known}); werk Tenderwacht bij, er is niets veranderd")]
    NewerStore { found: i64, known: i64 },

    #[error("bestand {path}: {}", describe_io(source))]
    Io { path: PathBuf, source: std::io::Error },

    #[error("gegevensmap niet te bepalen: {0}")]
    DataDir(String),

    #[error("CSV-import: {0}")]
    Import(String),
}

/// An I/O error in words a consultant can act on: a full disk and a read-only folder say so.
pub fn describe_io(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::StorageFull | std::io::ErrorKind::FileTooLarge => {
            "de schijf is vol (of het bestand te groot); maak ruimte vrij en probeer het opnieuw — er is niets half opgeslagen".into()
        }
        std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => {
            "geen schrijfrechten (alleen-lezen); kies een andere map".into()
        }
        std::io::ErrorKind::NotFound => "bestaat niet".into(),
        _ => e.to_string(),
    }
}

impl StoreError {
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Domain(DomainError::invalid(field, message))
    }

    /// A stored value the code cannot read (a bug or a hand-edited database).
    pub fn corrupt(column: &'static str, value: impl Into<String>) -> Self {
        Self::Domain(DomainError::Corrupt { column, value: value.into() })
    }

    /// A shipped asset that does not parse.
    pub fn catalogue(message: impl Into<String>) -> Self {
        Self::Domain(DomainError::Catalogue(message.into()))
    }

    /// True when the user gave a value a rule refused (not a broken store or disk).
    pub fn is_invalid(&self) -> bool {
        matches!(self, Self::Domain(DomainError::Invalid { .. }))
    }

    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Self::Io { path: path.into(), source }
    }

    /// A short, stable code for UIs and scripts (`--json`) to branch on.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Domain(e) => e.code(),
            Self::NotFound { .. } => ErrorCode::NotFound,
            Self::Ambiguous { .. } => ErrorCode::Ambiguous,
            Self::Duplicate { .. } | Self::Taken { .. } => ErrorCode::Duplicate,
            Self::Sqlite(_) | Self::Migration(_) => ErrorCode::Store,
            Self::NewerStore { .. } => ErrorCode::NewerStore,
            Self::Io { .. } => ErrorCode::Io,
            Self::DataDir(_) => ErrorCode::DataDir,
            Self::Import(_) => ErrorCode::Import,
        }
    }

    /// The one serialised shape of this error.
    pub fn body(&self) -> ErrorBody {
        ErrorBody::new(self.code(), self.field(), self.to_string())
    }

    /// The input field this error is about, when there is one.
    pub fn field(&self) -> Option<&str> {
        match self {
            Self::Domain(e) => e.field(),
            Self::Taken { field, .. } => Some(field),
            _ => None,
        }
    }
}

/// Serialised as its [`ErrorBody`] so the UI can show it next to the right input.
impl Serialize for StoreError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        self.body().serialize(serializer)
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
