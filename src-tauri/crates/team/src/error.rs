//! The team crate's one error type: each variant says in Dutch what the consultant can do.

use std::path::PathBuf;
use tenderwacht_core::CoreError;

#[derive(Debug, thiserror::Error)]
pub enum TeamError {
    #[error(transparent)]
    Core(#[from] CoreError),

    #[error("deze laptop hoort nog niet bij een team: zet een team op of sluit aan bij een team")]
    NotInTeam,

    #[error("deze laptop hoort al bij team '{0}'")]
    AlreadyInTeam(String),

    /// The shared folder is not there (offline, share not mounted): nothing was changed.
    #[error("gedeelde map {path} is niet bereikbaar ({message}); er is niets veranderd, de wijzigingen wachten")]
    Unreachable { path: PathBuf, message: String },

    #[error("teamsleutel: {0}")]
    Key(String),

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

impl TeamError {
    pub fn io(path: impl Into<PathBuf>, e: &std::io::Error) -> Self {
        Self::Io { path: path.into(), message: tenderwacht_core::error::describe_io(e) }
    }

    /// A short, stable code for UIs and scripts.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Core(e) => e.code(),
            Self::NotInTeam => "not_in_team",
            Self::AlreadyInTeam(_) => "already_in_team",
            Self::Unreachable { .. } => "unreachable",
            Self::Key(_) => "key",
            Self::FolderTaken(_) => "folder_taken",
            Self::NoTeamInFolder(_) => "no_team",
            Self::StoreNotEmpty(_) => "store_not_empty",
            Self::File { .. } => "file",
            Self::Io { .. } => "io",
        }
    }
}

pub type Result<T> = std::result::Result<T, TeamError>;
