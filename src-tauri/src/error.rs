//! The error a command hands to the UI: the crates' typed errors, serialised as the one
//! [`ErrorBody`] `{ code, field, message, blockers? }` so the screen can mark the right input.

use serde::Serialize;
use tenderwacht_domain::{ErrorBody, ErrorCode};
use tenderwacht_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    #[error(transparent)]
    Core(#[from] StoreError),
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
    /// An update was not installed (the reason in Dutch).
    #[error(transparent)]
    Update(#[from] crate::update::UpdateRefusal),
    /// The store lock was poisoned by a panic in another command.
    #[error("de gegevens zijn tijdelijk niet beschikbaar; start Tenderwacht opnieuw")]
    Unavailable,
}

impl From<tenderwacht_domain::DomainError> for CommandError {
    fn from(e: tenderwacht_domain::DomainError) -> Self {
        Self::Core(e.into())
    }
}

impl CommandError {
    /// The one serialised shape of this error ([`ErrorBody`], generated for the window).
    pub fn body(&self) -> ErrorBody {
        use tenderwacht_export::ExportError;
        match self {
            Self::Core(e)
            | Self::Export(ExportError::Core(e))
            | Self::Source(tenderwacht_sources::SourceError::Core(e))
            | Self::Team(tenderwacht_team::TeamError::Core(e))
            | Self::Reading(tenderwacht_reading::ReadError::Store(e)) => e.body(),
            Self::Export(ExportError::Blocked { blockers }) => {
                ErrorBody { blockers: Some(blockers.clone()), ..ErrorBody::new(ErrorCode::Blocked, None, self.to_string()) }
            }
            Self::Export(_) => ErrorBody { blockers: Some(vec![]), ..ErrorBody::new(ErrorCode::Export, None, self.to_string()) },
            Self::Source(_) => ErrorBody::new(ErrorCode::Source, None, self.to_string()),
            Self::Team(e) => ErrorBody::new(e.code(), None, self.to_string()),
            Self::Reading(_) => ErrorBody::new(ErrorCode::Reading, None, self.to_string()),
            Self::Update(_) => ErrorBody::new(ErrorCode::Update, None, self.to_string()),
            Self::Unavailable => ErrorBody::new(ErrorCode::Unavailable, None, self.to_string()),
        }
    }
}

impl Serialize for CommandError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.body().serialize(serializer)
    }
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

/// Errors that stop the app from starting.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("gegevensmap: {0}")]
    Store(#[from] StoreError),
    #[error("venster: {0}")]
    Tauri(#[from] tauri::Error),
    #[error("{0}")]
    Args(String),
}

impl From<tenderwacht_domain::DomainError> for StartError {
    fn from(e: tenderwacht_domain::DomainError) -> Self {
        Self::Store(e.into())
    }
}
