//! One typed error for the core, so callers (CLI, desktop) can tell a user's wrong input from a
//! broken store, and name the field that was wrong, instead of passing strings around.

use serde::Serialize;
use std::path::PathBuf;

/// Everything that can go wrong in the core.
#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    /// The user gave a value that breaks a rule; `field` names the input, `message` says why (Dutch).
    #[error("{field}: {message}")]
    Invalid { field: String, message: String },

    /// A referenced thing does not exist.
    #[error("{what} niet gevonden: {key}")]
    NotFound { what: &'static str, key: String },

    /// A reference matched more than one thing; the user must be more specific.
    #[error("{what} '{key}' is niet eenduidig: {candidates}")]
    Ambiguous { what: &'static str, key: String, candidates: String },

    /// The operation would create something that already exists.
    #[error("{what} bestaat al: {key}")]
    Duplicate { what: &'static str, key: String },

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

    #[error("catalogus in assets is ongeldig: {0}")]
    Catalogue(String),

    /// The store holds a value the code cannot read (a bug or a hand-edited database).
    #[error("onleesbare waarde in kolom {column}: {value}")]
    Corrupt { column: &'static str, value: String },

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

impl CoreError {
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Invalid { field: field.into(), message: message.into() }
    }

    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Self::Io { path: path.into(), source }
    }

    /// A short, stable code for UIs and scripts (`--json`) to branch on.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Invalid { .. } => "invalid",
            Self::NotFound { .. } => "not_found",
            Self::Ambiguous { .. } => "ambiguous",
            Self::Duplicate { .. } => "duplicate",
            Self::Sqlite(_) | Self::Migration(_) | Self::Corrupt { .. } => "store",
            Self::NewerStore { .. } => "newer_store",
            Self::Io { .. } => "io",
            Self::DataDir(_) => "data_dir",
            Self::Catalogue(_) => "catalogue",
            Self::Import(_) => "import",
        }
    }

    /// The input field this error is about, when there is one.
    pub fn field(&self) -> Option<&str> {
        match self {
            Self::Invalid { field, .. } => Some(field),
            _ => None,
        }
    }
}

/// Serialised as `{ code, field, message }` so the UI can show it next to the right input.
impl Serialize for CoreError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("CoreError", 3)?;
        s.serialize_field("code", self.code())?;
        s.serialize_field("field", &self.field())?;
        s.serialize_field("message", &self.to_string())?;
        s.end()
    }
}

pub type Result<T, E = CoreError> = std::result::Result<T, E>;
