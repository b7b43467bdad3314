//! The team crate's one error type: each variant says in Dutch what the consultant can do.

use std::path::PathBuf;
use tenderwacht_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum TeamError {
    #[error(transparent)]
    Core(#[from] StoreError),

    #[error("deze laptop hoort nog niet bij een team: zet een team op of sluit aan bij een team")]
    NotInTeam,

    #[error("deze laptop hoort al bij team '{0}'")]
    AlreadyInTeam(String),

    /// The shared folder is not there (offline, share not mounted): nothing was changed.
    #[error("gedeelde map {path} is niet bereikbaar ({message}); er is niets veranderd, de wijzigingen wachten")]
    Unreachable { path: PathBuf, message: String },

    #[error("teamsleutel: {0}")]
    Key(String),

    /// A teammate renewed the team key: nothing is sent or read until the new one is entered.
    #[error(
        "de teamsleutel is op {at} vernieuwd door {by}: voer de nieuwe sleutel in (Instellingen › Team, of team enter-key); tot dan wachten de wijzigingen van deze laptop. Is deze laptop uit het team verwijderd, dan leest hij niets nieuws meer"
    )]
    KeyRenewed { by: String, at: String },

    #[error("gedeelde map {0} bevat al een Tenderwacht-team; sluit daarbij aan in plaats van een nieuw team op te zetten")]
    FolderTaken(PathBuf),

    #[error("gedeelde map {0} bevat geen Tenderwacht-team (geen team.twt); controleer de map")]
    NoTeamInFolder(PathBuf),

    #[error("deze gegevensmap bevat al {0}; sluit aan vanuit een lege gegevensmap of gebruik --vervang (maak eerst een back-up)")]
    StoreNotEmpty(String),

    #[error("teambestand {name}: {reason}")]
    File { name: String, reason: String },

    #[error("bestand {path}: {message}")]
    Io { path: PathBuf, message: String },
}

/// A domain rule's refusal reaches the caller as the store's error (same code, field and message).
impl From<tenderwacht_domain::DomainError> for TeamError {
    fn from(e: tenderwacht_domain::DomainError) -> Self {
        Self::Core(e.into())
    }
}

impl TeamError {
    pub fn io(path: impl Into<PathBuf>, e: &std::io::Error) -> Self {
        Self::Io { path: path.into(), message: tenderwacht_store::error::describe_io(e) }
    }

    /// A short, stable code for UIs and scripts.
    pub fn code(&self) -> tenderwacht_domain::ErrorCode {
        use tenderwacht_domain::ErrorCode;
        match self {
            Self::Core(e) => e.code(),
            Self::NotInTeam => ErrorCode::NotInTeam,
            Self::AlreadyInTeam(_) => ErrorCode::AlreadyInTeam,
            Self::Unreachable { .. } => ErrorCode::Unreachable,
            Self::Key(_) => ErrorCode::Key,
            Self::KeyRenewed { .. } => ErrorCode::KeyRenewed,
            Self::FolderTaken(_) => ErrorCode::FolderTaken,
            Self::NoTeamInFolder(_) => ErrorCode::NoTeam,
            Self::StoreNotEmpty(_) => ErrorCode::StoreNotEmpty,
            Self::File { .. } => ErrorCode::File,
            Self::Io { .. } => ErrorCode::Io,
        }
    }
}

pub type Result<T> = std::result::Result<T, TeamError>;
