//! The error a command hands to the UI: the core's typed error, serialised as
//! `{ code, field, message }` so the screen can mark the right input.

use serde::Serialize;
use tenderwacht_core::CoreError;

#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    #[error(transparent)]
    Core(#[from] CoreError),
    #[error(transparent)]
    Export(tenderwacht_export::ExportError),
    /// A portal could not be read (a dry run of a source): the reason in Dutch.
    #[error(transparent)]
    Source(tenderwacht_sources::SourceError),
    /// Team sync: the folder, the key or a file (the reason in Dutch).
    #[error(transparent)]
    Team(tenderwacht_team::TeamError),
    /// A buyer's document could not be read (the reason in Dutch, naming the file).
    #[error(transparent)]
    Reading(tenderwacht_reading::ReadError),
    /// The store lock was poisoned by a panic in another command.
    #[error("de gegevens zijn tijdelijk niet beschikbaar; start Tenderwacht opnieuw")]
    Unavailable,
}

impl Serialize for CommandError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Core(e) => e.serialize(serializer),
            Self::Export(tenderwacht_export::ExportError::Core(e)) => e.serialize(serializer),
            Self::Export(e) => {
                use serde::ser::SerializeStruct;
                let mut s = serializer.serialize_struct("CommandError", 4)?;
                s.serialize_field("code", if matches!(e, tenderwacht_export::ExportError::Blocked { .. }) { "blocked" } else { "export" })?;
                s.serialize_field("field", &None::<String>)?;
                s.serialize_field("message", &self.to_string())?;
                let blockers: &[String] = match e {
                    tenderwacht_export::ExportError::Blocked { blockers } => blockers,
                    _ => &[],
                };
                s.serialize_field("blockers", blockers)?;
                s.end()
            }
            Self::Source(tenderwacht_sources::SourceError::Core(e)) => e.serialize(serializer),
            Self::Source(_) => plain(serializer, "source", &self.to_string()),
            Self::Team(tenderwacht_team::TeamError::Core(e)) => e.serialize(serializer),
            Self::Team(e) => plain(serializer, e.code(), &self.to_string()),
            Self::Reading(tenderwacht_reading::ReadError::Store(e)) => e.serialize(serializer),
            Self::Reading(_) => plain(serializer, "reading", &self.to_string()),
            Self::Unavailable => plain(serializer, "unavailable", &self.to_string()),
        }
    }
}

/// `{ code, field: null, message }` for errors that name no field.
fn plain<S: serde::Serializer>(serializer: S, code: &str, message: &str) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeStruct;
    let mut s = serializer.serialize_struct("CommandError", 3)?;
    s.serialize_field("code", code)?;
    s.serialize_field("field", &None::<String>)?;
    s.serialize_field("message", message)?;
    s.end()
}

impl From<tenderwacht_reading::ReadError> for CommandError {
    fn from(e: tenderwacht_reading::ReadError) -> Self {
        match e {
            tenderwacht_reading::ReadError::Store(c) => Self::Core(c),
            other => Self::Reading(other),
        }
    }
}

impl From<tenderwacht_sources::SourceError> for CommandError {
    fn from(e: tenderwacht_sources::SourceError) -> Self {
        match e {
            tenderwacht_sources::SourceError::Core(c) => Self::Core(c),
            e => Self::Source(e),
        }
    }
}

impl From<tenderwacht_export::ExportError> for CommandError {
    fn from(e: tenderwacht_export::ExportError) -> Self {
        match e {
            tenderwacht_export::ExportError::Core(c) => Self::Core(c),
            other => Self::Export(other),
        }
    }
}

impl From<tenderwacht_team::TeamError> for CommandError {
    fn from(e: tenderwacht_team::TeamError) -> Self {
        match e {
            tenderwacht_team::TeamError::Core(c) => Self::Core(c),
            other => Self::Team(other),
        }
    }
}

/// A command's error as an event carries it (a background sync's failure): the same
/// `{ code, field, message }` the commands return, typed for the window.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ErrorInfo {
    pub code: String,
    pub field: Option<String>,
    pub message: String,
}

impl From<&CommandError> for ErrorInfo {
    fn from(e: &CommandError) -> Self {
        let v = serde_json::to_value(e).unwrap_or_default();
        Self {
            code: v.get("code").and_then(|c| c.as_str()).unwrap_or("error").to_string(),
            field: v.get("field").and_then(|f| f.as_str()).map(str::to_string),
            message: e.to_string(),
        }
    }
}

/// Errors that stop the app from starting.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("gegevensmap: {0}")]
    Store(#[from] CoreError),
    #[error("venster: {0}")]
    Tauri(#[from] tauri::Error),
    #[error("{0}")]
    Args(String),
}
